namespace DaprShop.Contracts.Payment;

/// <summary>
/// Authorise <paramref name="Amount"/> for an order on a payment method token of <paramref name="CustomerId"/>
/// (one the customer added with <c>POST /api/v1/payment-methods</c> in the same tenant). One payment per order id:
/// sending it again answers the first payment; the same order with another amount or token is 422.
/// </summary>
public sealed record AuthorizePaymentRequest(Guid OrderId, Guid CustomerId, MoneyAmount? Amount, string? PaymentMethodToken);

/// <summary>Capture all (no amount) or part of the authorised amount; only once per payment.</summary>
public sealed record CapturePaymentRequest(MoneyAmount? Amount);

/// <summary>Refund part or all of what was captured; all refunds of a payment never exceed the capture.</summary>
public sealed record RefundPaymentRequest(MoneyAmount? Amount, string? Reason);
