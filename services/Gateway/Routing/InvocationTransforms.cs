using DaprShop.Gateway.Errors;
using DaprShop.ServiceDefaults.Correlation;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace DaprShop.Gateway.Routing;

/// <summary>
/// Turns a gateway request into a Dapr service invocation and the sidecar's failures into problems:
/// the path becomes <c>/v1.0/invoke/&lt;service&gt;/method/...</c>; the client's <c>dapr-*</c> headers are dropped
/// (a client must not pick the target app or present a sidecar token); the correlation id the kit settled on and
/// the sidecar's API token are added; a service's <c>Location</c> comes back in the gateway's form. Authorization,
/// traceparent (re-parented by YARP's propagator onto the gateway's span, same trace id) and every other header
/// travel on unchanged.
/// </summary>
internal sealed class InvocationTransforms(IOptions<GatewayOptions> options, IConfiguration configuration, ILogger<InvocationTransforms> logger)
    : ITransformProvider
{
    /// <summary>A sidecar error is a few hundred bytes; a service's JSON error beyond this is not inspected but refused.</summary>
    const long MaxInspectedBody = 1024 * 1024;
    const string ApiTokenHeader = "dapr-api-token";

    readonly string? _apiToken = NullIfEmpty(Dapr.DaprDefaults.GetDefaultDaprApiToken(configuration));

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        var metadata = context.Route.Metadata;
        if (metadata is null || !metadata.TryGetValue(GatewayRoutes.ServiceKey, out var service)) return;
        var isServiceRoute = metadata.GetValueOrDefault(GatewayRoutes.KindKey) == GatewayRoutes.ServiceRouteKind;

        context.AddRequestTransform(t =>
        {
            t.Path = isServiceRoute && InvocationPaths.TryMapServicePath(service, t.Path, out var mapped)
                ? mapped
                : InvocationPaths.Invoke(service, t.Path);

            var headers = t.ProxyRequest.Headers;
            foreach (var name in headers.Select(h => h.Key).Where(k => k.StartsWith("dapr-", StringComparison.OrdinalIgnoreCase)).ToList())
                headers.Remove(name);
            headers.Remove(CorrelationId.HeaderName);
            headers.TryAddWithoutValidation(CorrelationId.HeaderName, CorrelationId.Of(t.HttpContext));
            if (_apiToken is not null) headers.TryAddWithoutValidation(ApiTokenHeader, _apiToken);
            return ValueTask.CompletedTask;
        });

        context.AddResponseTransform(t => MapSidecarErrorAsync(t, service));
        if (isServiceRoute)
        {
            context.AddResponseTransform(t =>
            {
                var headers = t.HttpContext.Response.Headers;
                if (headers.Location.Count == 1) headers.Location = InvocationPaths.GatewayLocation(service, headers.Location.ToString());
                return ValueTask.CompletedTask;
            });
        }
    }

    async ValueTask MapSidecarErrorAsync(ResponseTransformContext t, string service)
    {
        var response = t.ProxyResponse;
        if (response is null || !SidecarErrors.MayBeSidecarError((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType))
            return;

        byte[] body;
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxInspectedBody, t.CancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(t.CancellationToken);
        }
        catch (HttpRequestException)
        {
            Replace(t);
            await GatewayProblems.BadGatewayAsync(t.HttpContext, service, "The service's error answer was too large to relay.");
            return;
        }

        var failure = SidecarErrors.Classify(body);
        if (failure == SidecarFailure.None) return;

        GatewayLog.SidecarFailed(logger, service, failure, System.Text.Encoding.UTF8.GetString(body));
        Replace(t);
        var http = t.HttpContext;
        await (failure switch
        {
            SidecarFailure.TimedOut => GatewayProblems.ServiceTimeoutAsync(http, service),
            SidecarFailure.BreakerOpen => GatewayProblems.ServiceUnavailableAsync(http, service,
                "The service is failing and calls to it are paused for a while (circuit breaker open).", options.Value.CircuitOpenRetryAfterSeconds),
            SidecarFailure.Unavailable => GatewayProblems.ServiceUnavailableAsync(http, service,
                "The service is not running or cannot be reached right now.", options.Value.UnavailableRetryAfterSeconds),
            _ => GatewayProblems.BadGatewayAsync(http, service, "The gateway's sidecar refused or failed the call."),
        });
    }

    /// <summary>Drops what was copied from the sidecar's answer so that the problem is the whole response.</summary>
    static void Replace(ResponseTransformContext t)
    {
        t.SuppressResponseBody = true;
        var headers = t.HttpContext.Response.Headers;
        foreach (var h in t.ProxyResponse!.Headers.Concat(t.ProxyResponse.Content.Headers))
            headers.Remove(h.Key);
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
