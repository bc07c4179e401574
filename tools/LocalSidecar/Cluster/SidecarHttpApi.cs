using System.Text;
using DaprShop.LocalSidecar.Actors;
using DaprShop.LocalSidecar.Bindings;
using DaprShop.LocalSidecar.Configuration;
using DaprShop.LocalSidecar.Http;
using DaprShop.LocalSidecar.Invocation;
using DaprShop.LocalSidecar.PubSub;
using DaprShop.LocalSidecar.Secrets;
using DaprShop.LocalSidecar.State;
using DaprShop.LocalSidecar.Workflow;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>The sidecar's HTTP API v1.0, one mapper per building block, and daprd's fallback for everything else.</summary>
internal static class SidecarHttpApi
{
    /// <summary>ASP.NET Core's endpoint for a path that matched with another verb (HttpMethodMatcherPolicy).</summary>
    const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        // daprd's router sends every request no route takes (unknown path or verb) to service invocation, which
        // finds the target app in the dapr-app-id header or a "dapr-app-id:<id>" basic-auth user, else answers 404.
        web.Use(async (ctx, next) =>
        {
            var endpoint = ctx.GetEndpoint();
            if (endpoint is not null && endpoint.DisplayName != MethodNotAllowedEndpoint)
            {
                await next(ctx);
                return;
            }
            var path = ctx.Request.Path.Value ?? "/";
            if (ctx.Request.Headers.TryGetValue(InvocationForwarder.AppIdHeader, out var target) && target.ToString().Length > 0)
                await InvocationForwarder.ForwardAsync(ctx, sidecar, target.ToString(), path);
            else if (BasicAuthAppId(ctx.Request) is { } basicTarget)
                await InvocationForwarder.ForwardAsync(ctx, sidecar, basicTarget, path);
            else
                await DaprHttp.WriteErrorAsync(ctx, 404, "ERR_DIRECT_INVOKE", "failed getting app id either from the URL path or the header dapr-app-id");
        });

        web.MapGet("/v1.0/healthz", (HttpRequest request) =>
            request.Query.TryGetValue("appid", out var appId) && appId.ToString() != sidecar.AppId
                ? DaprHttp.Error(500, "ERR_HEALTH_APPID_NOT_MATCH", "dapr app-id does not match")
                : Results.NoContent());
        web.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        web.MapGet("/v1.0/metadata", () =>
        {
            sidecar.Cluster.Calls.Record(sidecar.AppId, "metadata", "get", sidecar.AppId);
            return Results.Json(MetadataView.Build(sidecar), MetadataView.Json);
        });
        web.MapPut("/v1.0/metadata/{key}", async (string key, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            sidecar.ExtendedMetadata[key] = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            sidecar.Cluster.Calls.Record(sidecar.AppId, "metadata", "set", key);
            return Results.NoContent();
        });
        web.MapPost("/v1.0/shutdown", (HttpContext ctx) =>
        {
            // daprd answers first, then shuts down in the background.
            ctx.Response.OnCompleted(() =>
            {
                _ = Task.Run(sidecar.ShutdownAsync);
                return Task.CompletedTask;
            });
            return Results.NoContent();
        });
        web.Map("/v1.0/invoke/{appId}/method/{**method}",
            (HttpContext ctx, string appId, string? method) => InvocationForwarder.ForwardAsync(ctx, sidecar, appId, "/" + method));

        StateHttpApi.Map(web, sidecar);
        PubSubHttpApi.Map(web, sidecar);
        ActorHttpApi.Map(web, sidecar);
        BindingsHttpApi.Map(web, sidecar);
        SecretsHttpApi.Map(web, sidecar);
        ConfigurationHttpApi.Map(web, sidecar);
        WorkflowHttpApi.Map(web, sidecar);
        UnsupportedHttpApi.Map(web);
    }

    static string? BasicAuthAppId(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth["Basic ".Length..])).Split(':');
            return pair.Length == 2 && pair[0].Equals(InvocationForwarder.AppIdHeader, StringComparison.OrdinalIgnoreCase) ? pair[1] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
