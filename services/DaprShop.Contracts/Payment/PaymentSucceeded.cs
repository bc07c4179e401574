namespace DaprShop.Contracts.Payment;

/// <summary>
/// An operation on an order's payment succeeded at the provider, once per payment and operation:
/// <paramref name="Operation"/> <c>authorize</c> (the amount is held on the card: sent when the provider approves,
/// at once or later by webhook for a pending payment) or <c>capture</c> (the money is taken). Ordering turns the
/// <c>authorize</c> one into the waiting saga's <c>PaymentResult</c>.
/// </summary>
public sealed record PaymentSucceeded(Guid PaymentId, Guid OrderId, Guid CustomerId, string Operation, MoneyAmount Amount) : IntegrationEvent;

/// <summary>
/// An operation on an order's payment failed for good (a decline, not an outage): <paramref name="Operation"/>
/// <c>authorize</c> or <c>capture</c>, with the provider's <paramref name="Code"/> (<c>card_declined</c>,
/// <c>insufficient_funds</c>, <c>capture_failed</c>, …) and a <paramref name="Reason"/> people read. Nothing is held or
/// charged afterwards.
/// </summary>
public sealed record PaymentFailed(Guid PaymentId, Guid OrderId, Guid CustomerId, string Operation, string Code, string Reason, MoneyAmount Amount)
    : IntegrationEvent;

/// <summary>
/// A refund went through: <paramref name="Amount"/> back to the card, <paramref name="RefundedTotal"/> refunded on the
/// payment so far, <paramref name="FullyRefunded"/> when that is all that was captured.
/// </summary>
public sealed record PaymentRefunded(
    Guid PaymentId, Guid OrderId, Guid CustomerId, Guid RefundId, MoneyAmount Amount, decimal RefundedTotal, bool FullyRefunded, string? Reason)
    : IntegrationEvent;

/// <summary>The <c>operation</c> of <see cref="PaymentSucceeded"/> and <see cref="PaymentFailed"/>.</summary>
public static class PaymentOperations
{
    public const string Authorize = "authorize";
    public const string Capture = "capture";
}
