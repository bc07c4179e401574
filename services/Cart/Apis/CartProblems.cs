using DaprShop.Cart.Actors;
using DaprShop.Cart.Domain;
using DaprShop.ServiceDefaults.Problems;

namespace DaprShop.Cart.Apis;

/// <summary>The problems the cart answers, with stable types clients can branch on.</summary>
internal static class CartProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string ProductNotFound = Base + "product-not-found";
    public const string ProductInactive = Base + "product-inactive";
    public const string NotEnoughStock = Base + "not-enough-stock";
    public const string MixedCurrency = Base + "mixed-currency";
    public const string QuantityLimit = Base + "quantity-limit";
    public const string LineLimit = Base + "line-limit";
    public const string IdempotencyKeyReused = ProblemTypes.Unprocessable;

    /// <summary>Seconds a client should wait after catalog, inventory or the cart's own store could not answer.</summary>
    public const int RetryAfterSeconds = 5;

    public static CartOutcome For(CartError error, Guid? productId) => error switch
    {
        CartError.ProductNotFound => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, ProductNotFound, "Unknown product",
            $"This shop has no product {productId}."),
        CartError.ProductInactive => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, ProductInactive, "Product not for sale",
            $"Product {productId} is not on sale (draft or withdrawn)."),
        CartError.NotEnoughStock => CartOutcome.Problem(StatusCodes.Status409Conflict, NotEnoughStock, "Not enough stock",
            $"Fewer units of product {productId} are available than the cart would hold; lower the quantity."),
        CartError.MixedCurrency => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, MixedCurrency, "Another currency",
            "A cart holds products of one currency; this product (or cart) is priced in another."),
        CartError.QuantityLimit => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, QuantityLimit, "Quantity limit",
            $"A line holds {CartLimits.MinQuantity} to {CartLimits.MaxQuantity} units."),
        CartError.LineLimit => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, LineLimit, "Too many lines",
            $"A cart holds at most {CartLimits.MaxLines} different products."),
        CartError.LineNotFound => NotFound("Cart line", productId),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    public static CartOutcome NotFound(string what, object? id) =>
        CartOutcome.Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, $"{what} not found", $"No {what.ToLowerInvariant()} {id} here.");

    public static CartOutcome GuestCartNotFound() => NotFound("Guest cart", "with this id");

    public static CartOutcome KeyReused() => CartOutcome.Problem(StatusCodes.Status422UnprocessableEntity, IdempotencyKeyReused,
        "Idempotency-Key reused", "This Idempotency-Key was used for another request; use a new key for a new request.");

    public static CartOutcome Unavailable(string what) => CartOutcome.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
        "Try again shortly", $"The cart could not check with {what} right now; nothing was changed.");
}
