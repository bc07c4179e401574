using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Shipping.Apis;

/// <summary>The problems shipping answers, with stable types clients (and ordering's saga) can branch on.</summary>
internal static class ShippingProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string InvalidState = Base + "shipment-state";
    public const string CarrierUnavailable = Base + "carrier-unavailable";

    public static ProblemHttpResult ShipmentNotFound(object id) => Problem.NotFound("Shipment", id);

    public static ProblemHttpResult OrderShippedDifferently(Guid orderId) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.Unprocessable, title: "Order already has another shipment",
        detail: $"Order {orderId} already has a shipment with other lines, customer, address or service level.");

    public static ProblemHttpResult NotCancellable(string status, string? detail = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: InvalidState, title: "The shipment cannot be cancelled",
        detail: detail ?? $"A shipment that is {status} has been handed over to the carrier (or is final).",
        extensions: new Dictionary<string, object?> { ["shipmentStatus"] = status });

    public static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: CarrierUnavailable, title: "Carrier unavailable",
        detail: "The carrier did not answer; retry the same request.");
}
