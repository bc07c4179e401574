using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Ordering.Apis;

/// <summary>The problems ordering answers, with stable types clients can branch on.</summary>
internal static class OrderingProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string DuplicateOrder = Base + "duplicate-order";
    public const string IllegalTransition = Base + "order-state";
    public const string CartEmpty = Base + "cart-empty";
    public const string AttentionNotFlagged = Base + "order-attention-not-flagged";

    /// <summary>Seconds a client should wait after cart could not be read.</summary>
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult EmptyCart() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: CartEmpty, title: "The cart is empty",
        detail: "An order without lines checks out your cart, and it has nothing in it; nothing was placed.");

    public static ProblemHttpResult CartUnavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ServiceUnavailable, title: "Try again shortly",
        detail: "Your cart could not be read right now; nothing was placed.");

    public static ProblemHttpResult OrderNotFound(Guid id) => Problem.NotFound("Order", id);

    public static ProblemHttpResult KeyReused() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: IdempotencyKeyReused, title: "Idempotency-Key already used",
        detail: "This Idempotency-Key was used with another request; send a new key for a new order.");

    public static ProblemHttpResult Duplicate(Guid existingId, string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: DuplicateOrder, title: "Duplicate order",
        detail: $"The same order ({number}) was placed moments ago; nothing new was placed.",
        extensions: new Dictionary<string, object?> { ["orderId"] = existingId, ["number"] = number });

    public static ProblemHttpResult TooMany() => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.TooManyRequests, title: "Too many orders",
        detail: "Too many orders placed in the last minute; try again later.");

    public static ProblemHttpResult NotFlagged(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: AttentionNotFlagged, title: "Nothing to resolve",
        detail: $"Order {id} is not flagged for attention (never, or it was resolved already); nothing changed.");

    public static ProblemHttpResult Illegal(Guid id, string status, string wanted) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: IllegalTransition, title: "Not possible in this state",
        detail: $"Order {id} is {status}; it cannot be {wanted}.",
        extensions: new Dictionary<string, object?> { ["orderStatus"] = status });
}
