using DaprShop.Payment.Providers;

namespace DaprShop.Payment.Apis.Requests;

/// <summary>A card to tokenise. The only request that ever carries a card number; it is never stored, logged or echoed.</summary>
internal sealed record AddPaymentMethodRequest(string? Number, int? ExpMonth, int? ExpYear, string? Cvc, string? HolderName)
{
    public CardDetails ToCard() => new(Number!, ExpMonth!.Value, ExpYear!.Value, Cvc!, HolderName);

    // A record prints its members (a log line, an exception message, a debugger): this one never prints the number.
    public override string ToString() => "AddPaymentMethodRequest { Number = ****, Cvc = *** }";
}

/// <summary>An admin's refund of a payment: how much and why (kept with the refund and on its event).</summary>
internal sealed record AdminRefundRequest(DaprShop.Contracts.Payment.MoneyAmount? Amount, string? Reason);

/// <summary>The staff list's filters.</summary>
internal sealed record PaymentFilter(string? Status, Guid? CustomerId, Guid? OrderId);
