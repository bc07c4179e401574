using DaprShop.Gateway.Errors;
using DaprShop.Gateway.OpenApi;
using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Routing;
using DaprShop.ServiceDefaults.Correlation;
using Microsoft.Extensions.Options;
using Swashbuckle.AspNetCore.SwaggerUI;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace DaprShop.Gateway.Extensions;

internal static class Extensions
{
    /// <summary>How long the API page waits for one service's OpenAPI document.</summary>
    static readonly TimeSpan OpenApiFetchTimeout = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);

        // Routes are built once from configuration (a new service = a new line and a restart); the only
        // destination is this replica's own sidecar, at the address the Dapr SDK uses (DAPR_HTTP_ENDPOINT / DAPR_HTTP_PORT).
        services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Build(gateway), [SidecarCluster(Dapr.DaprDefaults.GetDefaultHttpEndpoint(builder.Configuration), gateway.ProxyTimeout)])
            .AddTransforms<InvocationTransforms>();
        services.AddSingleton<ForwarderErrors>();

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<StateStoreRateLimiter>();

        foreach (var service in gateway.Services)
            services.AddDaprInvocationClient(service).ConfigureHttpClient(c => c.Timeout = OpenApiFetchTimeout);
        services.Configure<SwaggerUIOptions>(o =>
        {
            o.DocumentTitle = "DaprShop API";
            foreach (var service in gateway.Services) o.SwaggerEndpoint(ApiDocsApi.DocumentPath(service), service);
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "gateway");
        });
        return builder;
    }

    /// <summary>
    /// The gateway's own edge rules, after the kit's pipeline: bodies over the limit refused, then rate limits charged
    /// (after authorization, so that counters are keyed by the validated token).
    /// </summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseMiddleware<BodyLimit>();
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapApiDocsApi();
        var errors = app.Services.GetRequiredService<ForwarderErrors>();
        app.MapReverseProxy(proxy => proxy.Use(errors.InvokeAsync))
            .ConfigureEndpoints((endpoint, route) =>
            {
                if (route.Metadata?.GetValueOrDefault(GatewayRoutes.AccessKey) is { } access)
                    endpoint.WithMetadata(new RateLimitedRoute(Enum.Parse<RouteAccess>(access)));
            });
        return app;
    }

    static ClusterConfig SidecarCluster(string sidecarHttpEndpoint, TimeSpan timeout) => new()
    {
        ClusterId = GatewayRoutes.SidecarCluster,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            ["sidecar"] = new() { Address = sidecarHttpEndpoint },
        },
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = timeout },
    };
}
