using DaprShop.LocalSidecar.Actors;
using DaprShop.LocalSidecar.Bindings;
using DaprShop.LocalSidecar.Configuration;
using DaprShop.LocalSidecar.Invocation;
using DaprShop.LocalSidecar.PubSub;
using DaprShop.LocalSidecar.Secrets;
using DaprShop.LocalSidecar.State;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>The sidecar's HTTP API v1.0 routes, one mapper per building block.</summary>
internal static class SidecarHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        // Header form of invocation: any path, routed by the dapr-app-id header (must run before routing's 404).
        web.Use(async (ctx, next) =>
        {
            if (ctx.Request.Headers.TryGetValue(InvocationForwarder.AppIdHeader, out var target) &&
                !ctx.Request.Path.StartsWithSegments("/v1.0", StringComparison.Ordinal))
            {
                await InvocationForwarder.ForwardAsync(ctx, sidecar, target.ToString(), ctx.Request.Path.Value ?? "/");
                return;
            }
            await next(ctx);
        });

        web.MapGet("/v1.0/healthz", () => Results.NoContent());
        web.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        web.MapGet("/v1.0/metadata", () => Results.Json(MetadataView.Build(sidecar)));
        web.Map("/v1.0/invoke/{appId}/method/{**method}",
            (HttpContext ctx, string appId, string method) => InvocationForwarder.ForwardAsync(ctx, sidecar, appId, "/" + method));

        StateHttpApi.Map(web, sidecar);
        PubSubHttpApi.Map(web, sidecar);
        ActorHttpApi.Map(web, sidecar);
        BindingsHttpApi.Map(web, sidecar);
        SecretsHttpApi.Map(web, sidecar);
        ConfigurationHttpApi.Map(web, sidecar);
    }
}
