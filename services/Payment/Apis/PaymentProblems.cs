using System.Globalization;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using PaymentRow = DaprShop.Payment.Domain.Payment;

namespace DaprShop.Payment.Apis;

/// <summary>The problems payment answers, with stable types clients (and ordering's saga) can branch on.</summary>
internal static class PaymentProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string CardRejected = Base + "card-rejected";
    public const string UnknownPaymentMethodType = Base + "payment-method-unknown";
    public const string OrderPaidDifferentlyType = Base + "order-paid-differently";
    public const string AmountTooLarge = Base + "amount-too-large";
    public const string InvalidState = Base + "payment-state";
    public const string ProviderUnavailable = Base + "provider-unavailable";

    /// <summary>Tokenisation refused the card; <paramref name="code"/> is the provider's (incorrect_number, expired_card, …). Never the number.</summary>
    public static ProblemHttpResult CardRefused(string code, string message) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: CardRejected, title: "Card refused", detail: message,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult UnknownPaymentMethod() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: UnknownPaymentMethodType, title: "Unknown payment method",
        detail: "The payment method token is not one of this customer's in this tenant.");

    public static ProblemHttpResult OrderPaidDifferently(Guid orderId) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.Unprocessable, title: "Order already has another payment",
        detail: $"Order {orderId} already has a payment with another amount, currency, customer or payment method.");

    public static ProblemHttpResult PaymentNotFound(object id) => Problem.NotFound("Payment", id);

    public static ProblemHttpResult CurrencyMismatch(string currency) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.Unprocessable, title: "Currency mismatch",
        detail: $"The payment is in {currency}.");

    public static ProblemHttpResult CaptureExceedsAuthorization(decimal authorized, string currency) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: AmountTooLarge, title: "Capture exceeds the authorisation",
        detail: string.Create(CultureInfo.InvariantCulture, $"At most {authorized} {currency} can be captured."));

    public static ProblemHttpResult RefundExceedsCapture(decimal remaining, string currency) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: AmountTooLarge, title: "Refund exceeds what was captured",
        detail: string.Create(CultureInfo.InvariantCulture, $"At most {remaining} {currency} can still be refunded."));

    public static ProblemHttpResult Conflict(PaymentRow payment, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: InvalidState, title: "Not possible in the payment's state", detail: detail,
        extensions: new Dictionary<string, object?> { ["paymentStatus"] = PaymentRow.StatusOf(payment.State, payment.CapturedAmount, payment.RefundedAmount) });

    public static ProblemHttpResult IdempotencyKeyReused() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.Unprocessable, title: "Idempotency-Key reused",
        detail: "This Idempotency-Key was used for a refund of another amount.");

    public static ProblemHttpResult IdempotencyKeyRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.Validation, title: "Idempotency-Key required",
        detail: $"Send an Idempotency-Key header of 1 to {IdempotencyKeys.MaxLength} visible ASCII characters.");

    public static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProviderUnavailable, title: "Card provider unavailable",
        detail: "The card provider did not answer; retry the same request (it is idempotent).");
}
