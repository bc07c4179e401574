using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Sidecar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DaprShop.Inventory.Apis;

/// <summary>
/// The Dapr cron input binding <c>reservation-expiry</c> (components/common/reservation-expiry.yaml, every minute) POSTs
/// here; only the sidecar may. Each expired reservation is released in its own short transaction.
/// </summary>
internal static class ExpirySweepApi
{
    public const string Route = "/reservation-expiry";

    public static IEndpointRouteBuilder MapExpirySweepApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SweepAsync)
            .WithName("ExpireReservations")
            .WithSummary("Release reservations past their expiry (called by the Dapr cron binding)")
            .WithTags("Maintenance")
            .ExcludeFromDescription()
            .AllowAnonymous()
            .RequireDaprSidecar();
        return app;
    }

    internal sealed record SweepResult(int Expired);

    static async Task<Ok<SweepResult>> SweepAsync(ReservationBook book, IOptions<InventoryOptions> options, CancellationToken ct)
    {
        var expired = 0;
        while (expired < options.Value.ExpirySweepBatch && await book.ExpireOneAsync(ct)) expired++;
        return TypedResults.Ok(new SweepResult(expired));
    }
}
