using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Payment.Domain;

/// <summary>
/// A refund of (part of) a captured payment, one per payment and <c>Idempotency-Key</c>. Its amount is reserved on
/// the payment in the same transaction that inserts it, so concurrent refunds can never add up past the capture.
/// </summary>
internal sealed class Refund : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid PaymentId { get; set; }
    public Guid OrderId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public string? Reason { get; set; }
    public string IdempotencyKey { get; set; } = "";

    /// <summary>One of <see cref="RefundState"/>.</summary>
    public string State { get; set; } = RefundState.Pending;

    public string? ProviderReference { get; set; }
    public string? FailureCode { get; set; }

    /// <summary>Who asked: <c>app:ordering</c> or <c>user:&lt;id&gt;</c>.</summary>
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class RefundState
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
