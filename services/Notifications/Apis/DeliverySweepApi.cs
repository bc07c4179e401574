using DaprShop.Notifications.Delivery;
using DaprShop.ServiceDefaults.Sidecar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Notifications.Apis;

/// <summary>
/// The Dapr cron input binding <c>notification-dispatch</c> (components/common/notification-dispatch.yaml) POSTs here;
/// only the sidecar may. Sends the messages whose retry is due.
/// </summary>
internal static class DeliverySweepApi
{
    public const string Route = "/notification-dispatch";

    public static IEndpointRouteBuilder MapDeliverySweepApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SweepAsync)
            .WithName("SendDueNotifications")
            .WithSummary("Send the messages whose next attempt is due (called by the Dapr cron binding)")
            .WithTags("Maintenance")
            .ExcludeFromDescription()
            .AllowAnonymous()
            .RequireDaprSidecar();
        return app;
    }

    static async Task<Ok<SweepResult>> SweepAsync(DeliverySweep sweep, CancellationToken ct) => TypedResults.Ok(await sweep.RunAsync(ct));
}
