using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.Shipping.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Shipping.Apis;

/// <summary>
/// The Dapr cron input binding <c>shipment-dispatch</c> (components/common/shipment-dispatch.yaml) POSTs here; only the
/// sidecar may. Buys the labels of queued shipments that are due and polls the carrier for parcels without news.
/// </summary>
internal static class DispatchSweepApi
{
    public const string Route = "/shipment-dispatch";

    public static IEndpointRouteBuilder MapDispatchSweepApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SweepAsync)
            .WithName("DispatchQueuedShipments")
            .WithSummary("Send queued shipments to the carrier and poll stale tracking (called by the Dapr cron binding)")
            .WithTags("Maintenance")
            .ExcludeFromDescription()
            .AllowAnonymous()
            .RequireDaprSidecar();
        return app;
    }

    static async Task<Ok<SweepResult>> SweepAsync(DispatchSweep sweep, CancellationToken ct) => TypedResults.Ok(await sweep.RunAsync(ct));
}
