namespace DaprShop.Contracts.Payment;

/// <summary>
/// A payment as payment answers it. <paramref name="Status"/> is one of <see cref="PaymentStatuses"/>; the amounts are
/// in <paramref name="Amount"/>'s currency. Only the card's brand and last four digits, never its number.
/// </summary>
public sealed record PaymentResponse(
    Guid PaymentId,
    Guid OrderId,
    Guid CustomerId,
    string Status,
    MoneyAmount Amount,
    decimal AuthorizedAmount,
    decimal CapturedAmount,
    decimal RefundedAmount,
    string CardBrand,
    string CardLast4,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RefundResponse>? Refunds = null);

/// <summary>A refund; <paramref name="Status"/> is <c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
public sealed record RefundResponse(
    Guid RefundId,
    Guid PaymentId,
    Guid OrderId,
    MoneyAmount Amount,
    string Status,
    string? Reason,
    string? FailureCode,
    DateTimeOffset CreatedAt);
