using DaprShop.Inventory.Domain;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Inventory.Apis;

/// <summary>The problems inventory answers, with stable types clients (ordering, cart, admin UIs) can branch on.</summary>
internal static class InventoryProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string InsufficientStock = Base + "insufficient-stock";
    public const string StockConflict = Base + "stock-conflict";
    public const string ReservationConflict = Base + "reservation-conflict";
    public const string AdjustmentIdReused = Base + "adjustment-id-reused";

    public static ProblemHttpResult StockNotFound(string sku) => Problem.NotFound("Stock", sku);

    public static ProblemHttpResult ReservationNotFound(Guid orderId) => Problem.NotFound("Reservation", orderId);

    public static ProblemHttpResult Insufficient(IReadOnlyList<Shortage> shortages) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: InsufficientStock,
        title: "Not enough stock",
        detail: "Nothing was reserved: " + string.Join("; ", shortages.Select(s => $"{s.Sku}: {s.Requested} requested, {s.Available} available")),
        extensions: new Dictionary<string, object?> { ["shortages"] = shortages });

    public static ProblemHttpResult WouldBreakStock(string sku, StockItem? stock) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: StockConflict,
        title: "The adjustment does not fit the stock",
        detail: stock is null
            ? $"The adjustment of {sku} was not applied."
            : $"On hand of {sku} would drop below the {stock.Reserved} reserved units (on hand {stock.OnHand}), below zero, "
              + $"or above {StockRules.MaxOnHand}; nothing changed.");

    public static ProblemHttpResult AdjustmentReused(Guid adjustmentId) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        type: AdjustmentIdReused,
        title: "Adjustment id already used",
        detail: $"Adjustment {adjustmentId} was applied with other content; use a new id for a new adjustment.");

    public static ProblemHttpResult ReservationInState(Guid orderId, string status, string wanted) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: ReservationConflict,
        title: "Reservation conflict",
        detail: $"Reservation {orderId} is {status}; it cannot be {wanted}.",
        extensions: new Dictionary<string, object?> { ["reservationStatus"] = status });

    public static ProblemHttpResult OtherLines(Guid orderId) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: ReservationConflict,
        title: "Order already reserved with other lines",
        detail: $"Order {orderId} is reserved with other lines; release it before reserving again.");

    public static ValidationProblem InvalidSku() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = [Validation.SkuRules.Message] });
}
