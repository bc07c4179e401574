using DaprShop.Contracts.Payment;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Payment.Domain;

/// <summary>
/// The one payment of an order (unique per tenant and order id). Its <see cref="State"/> moves only forward, each move
/// one conditional UPDATE in <c>Processing/</c>; the in-between states (<c>authorizing</c>, <c>capturing</c>,
/// <c>voiding</c>) mark a provider call that a retry of the same order resumes with the same idempotency key.
/// </summary>
internal sealed class Payment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid PaymentMethodId { get; set; }
    public string CardBrand { get; set; } = "";
    public string CardLast4 { get; set; } = "";

    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";

    /// <summary>One of <see cref="PaymentState"/>.</summary>
    public string State { get; set; } = PaymentState.Authorizing;

    public decimal AuthorizedAmount { get; set; }
    /// <summary>What the capture in flight (or done) asked for; set when <c>capturing</c> is claimed.</summary>
    public decimal CaptureAmount { get; set; }
    public decimal CapturedAmount { get; set; }
    /// <summary>Refunds reserved or done; raised atomically with the refund's row, never past <see cref="CapturedAmount"/>.</summary>
    public decimal RefundedAmount { get; set; }

    /// <summary>The provider's authorisation id.</summary>
    public string? ProviderReference { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>.</summary>
    public uint Version { get; set; }

    /// <summary>The status clients see: the state, with a capture's refunds told apart.</summary>
    public static string StatusOf(string state, decimal captured, decimal refunded) => state switch
    {
        PaymentState.Captured when refunded > 0 && refunded >= captured => PaymentStatuses.Refunded,
        PaymentState.Captured when refunded > 0 => PaymentStatuses.PartiallyRefunded,
        _ => state,
    };
}

/// <summary>The stored states of a payment (a subset of <see cref="PaymentStatuses"/>: refunds do not change it).</summary>
internal static class PaymentState
{
    public const string Authorizing = PaymentStatuses.Authorizing;
    public const string Pending = PaymentStatuses.Pending;
    public const string Authorized = PaymentStatuses.Authorized;
    public const string Capturing = PaymentStatuses.Capturing;
    public const string Captured = PaymentStatuses.Captured;
    public const string Voiding = PaymentStatuses.Voiding;
    public const string Voided = PaymentStatuses.Voided;
    public const string Failed = PaymentStatuses.Failed;
}
