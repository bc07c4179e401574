using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Shipping.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
            .RequireServiceCaller(Caller).AllowAnonymous().WithBodyLimit(BodyLimits.MaxBodyBytes);

        saga.MapPost("/", RequestAsync)
            .WithName("RequestShipment")
            .WithSummary("Ship a confirmed order (201 first time, 200 on a retry of the same order); the label is bought now or queued")
            .WithValidation<RequestShipmentRequest>();
        saga.MapGet("/{orderId:guid}", GetAsync)
            .WithName("GetOrderShipment")
            .WithSummary("An order's shipment, with its status history");
        saga.MapPost("/{orderId:guid}/cancel", CancelAsync)
            .WithName("CancelOrderShipment")
            .WithSummary("Cancel an order's shipment not yet handed over (the customer cancelled the order); 409 once the carrier has it")
            .WithValidation<CancelShipmentRequest>();
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

    private static async Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> CancelAsync(
        Guid orderId, CancelShipmentRequest request, ShipmentCancellation cancellation, [AsParameters] ShippingServices s)
    {
        var shipmentId = await s.Db.Shipments.Where(x => x.OrderId == orderId).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(s.CancellationToken);
        if (shipmentId is not { } id) return ShippingProblems.ShipmentNotFound(orderId);
        if (await cancellation.CancelAsync(id, request.Reason!.Trim(), $"{Caller}:order-cancelled", s.CancellationToken) is { } problem) return problem;
        return await s.DetailAsync(s.Db.Shipments.Where(x => x.Id == id), id);
    }

    private static Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetAsync(Guid orderId, [AsParameters] ShippingServices s) =>
        s.DetailAsync(s.Db.Shipments.Where(x => x.OrderId == orderId), orderId);
}
