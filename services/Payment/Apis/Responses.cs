using DaprShop.Contracts.Money;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Domain;
using PaymentRow = DaprShop.Payment.Domain.Payment;

namespace DaprShop.Payment.Apis;

/// <summary>A saved card as its owner sees it: the token to pay with, brand, last four, expiry.</summary>
internal sealed record PaymentMethodResponse(Guid Id, string Token, string Brand, string Last4, int ExpMonth, int ExpYear, DateTimeOffset CreatedAt)
{
    public static PaymentMethodResponse From(PaymentMethod m) => new(m.Id, m.Token, m.Brand, m.Last4, m.ExpMonth, m.ExpYear, m.CreatedAt);
}

internal static class PaymentViews
{
    // Amounts leave in the currency's minor unit (12.30 EUR, not the column's 12.300).
    public static PaymentResponse ToResponse(this PaymentRow p, IReadOnlyList<Refund>? refunds = null) => new(
        p.Id, p.OrderId, p.CustomerId, PaymentRow.StatusOf(p.State, p.CapturedAmount, p.RefundedAmount), new MoneyAmount(In(p.Amount, p.Currency), p.Currency),
        In(p.AuthorizedAmount, p.Currency), In(p.CapturedAmount, p.Currency), In(p.RefundedAmount, p.Currency), p.CardBrand, p.CardLast4,
        p.FailureCode, p.FailureReason, p.CreatedAt, p.UpdatedAt, refunds?.Select(r => r.ToResponse()).ToList());

    public static RefundResponse ToResponse(this Refund r) =>
        new(r.Id, r.PaymentId, r.OrderId, new MoneyAmount(In(r.Amount, r.Currency), r.Currency), r.State, r.Reason, r.FailureCode, r.CreatedAt);

    static decimal In(decimal amount, string currency) => Currencies.IsKnown(currency) ? Currencies.Round(amount, currency) : amount;
}
