using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Shipping.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Shipping.Apis;

/// <summary>
/// ordering's saga, through Dapr invocation with no user token: the tenant is the one ordering names in
/// <c>X-Tenant-ID</c>, and only ordering, through shipping's own sidecar, may call (kit's <c>RequireServiceCaller</c>).
/// Idempotent by order id. A carrier outage is not an error here: the shipment comes back <c>requested</c>, queued,
/// and goes out when the carrier returns.
/// </summary>
internal static class InternalShipmentsApi
{
    public const string Caller = "ordering";

    public static IEndpointRouteBuilder MapInternalShipmentsApi(this IEndpointRouteBuilder app)
    {
        // No user token: trust comes from the mesh (RequireServiceCaller), so the token requirement is lifted.
        var saga = app.MapGroup("/internal/v1/shipments").WithTags("Internal")
            .RequireServiceCaller(Caller).AllowAnonymous().WithSmallBodies();

        saga.MapPost("/", RequestAsync)
            .WithName("RequestShipment")
            .WithSummary("Ship a confirmed order (201 first time, 200 on a retry of the same order); the label is bought now or queued")
            .WithValidation<RequestShipmentRequest>();
        saga.MapGet("/{orderId:guid}", GetAsync)
            .WithName("GetOrderShipment")
            .WithSummary("An order's shipment, with its status history");
        return app;
    }

    private static async Task<Results<Created<ShipmentResponse>, Ok<ShipmentResponse>, ProblemHttpResult>> RequestAsync(
        RequestShipmentRequest request, ShipmentRequests requests, [AsParameters] ShippingServices s)
    {
        var done = await requests.RequestAsync(request, s.CancellationToken);
        if (done.Problem is { } problem) return problem;
        var response = done.Shipment!.ToResponse(s.Carrier);
        return done.Created ? TypedResults.Created(ShippingRoutes.Shipment(request.OrderId), response) : TypedResults.Ok(response);
    }

    private static Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetAsync(Guid orderId, [AsParameters] ShippingServices s) =>
        s.DetailAsync(s.Db.Shipments.Where(x => x.OrderId == orderId), orderId);
}
