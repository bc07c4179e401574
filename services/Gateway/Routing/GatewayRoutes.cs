using System.Text.RegularExpressions;
using Yarp.ReverseProxy.Configuration;

namespace DaprShop.Gateway.Routing;

/// <summary>Which route a request matched, as the rate limiter and the transforms read it from the route's metadata.</summary>
internal enum RouteAccess
{
    /// <summary>A valid access token is required; limited per tenant and per user.</summary>
    Authenticated,
    /// <summary>No token (sign-up, login, discovery); limited per client IP.</summary>
    Anonymous,
}

/// <summary>
/// Builds the YARP routes from <see cref="GatewayOptions"/>: per service a catch-all route that needs a token, per
/// anonymous path an exact route before it, and the public pass-through paths. Every route goes to the one cluster,
/// the local Dapr sidecar; the transforms (<see cref="InvocationTransforms"/>) turn the path into an invocation.
/// </summary>
internal static partial class GatewayRoutes
{
    public const string SidecarCluster = "dapr-sidecar";
    public const string ServiceKey = "DaprShop.Service";
    public const string AccessKey = "DaprShop.Access";
    public const string KindKey = "DaprShop.Kind";
    public const string ServiceRouteKind = "service";
    public const string PublicRouteKind = "public";

    // YARP's own values: "default" needs an authenticated user, "anonymous" lets anyone through.
    const string DefaultPolicy = "default";
    const string AnonymousPolicy = "anonymous";

    public static IReadOnlyList<RouteConfig> Build(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options);
        if (errors.Count > 0)
            throw new InvalidOperationException("Gateway configuration is not valid: " + string.Join("; ", errors));

        var routes = new List<RouteConfig>();
        foreach (var service in options.Services)
        {
            routes.Add(Route($"{service}", $"{InvocationPaths.ServicePrefix(service)}/{{**rest}}", service,
                ServiceRouteKind, RouteAccess.Authenticated, order: 100));
        }

        for (var i = 0; i < options.AnonymousRoutes.Count; i++)
        {
            var path = options.AnonymousRoutes[i];
            var service = ServiceOf(path, options.Services)!;
            routes.Add(Route($"{service}-anonymous-{i}", path, service, ServiceRouteKind, RouteAccess.Anonymous, order: 10));
        }

        for (var i = 0; i < options.PublicRoutes.Count; i++)
        {
            var p = options.PublicRoutes[i];
            routes.Add(Route($"{p.Service}-public-{i}", p.Path, p.Service, PublicRouteKind, RouteAccess.Anonymous, order: 10));
        }

        return routes;
    }

    /// <summary>Every problem of the configuration, so a bad deployment fails at start-up with all of them listed.</summary>
    public static IReadOnlyList<string> Validate(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Services.Count == 0) errors.Add("Gateway:Services lists no service");
        foreach (var s in options.Services.Where(s => !AppId().IsMatch(s)))
            errors.Add($"'{s}' is not a Dapr app id (lower-case letters, digits and '-')");
        foreach (var s in options.Services.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add($"'{s.Key}' is listed twice");
        foreach (var path in options.AnonymousRoutes)
        {
            if (ServiceOf(path, options.Services) is null)
                errors.Add($"anonymous route '{path}' is not under /api/v1/<service>/ of a listed service");
            else if (!PlainPath().IsMatch(path))
                errors.Add($"anonymous route '{path}' must be a plain path (no parameters or wildcards)");
        }
        foreach (var p in options.PublicRoutes)
        {
            if (!options.Services.Contains(p.Service, StringComparer.Ordinal))
                errors.Add($"public route '{p.Path}' names '{p.Service}', which is not a listed service");
            if (!PlainPath().IsMatch(p.Path) || p.Path.StartsWith(InvocationPaths.ApiPrefix + "/", StringComparison.OrdinalIgnoreCase))
                errors.Add($"public route '{p.Path}' must be a plain path outside {InvocationPaths.ApiPrefix}/");
        }
        if (options.ProxyTimeout <= TimeSpan.Zero) errors.Add("Gateway:ProxyTimeout must be positive");
        if (options.MaxRequestBodyBytes is < 1 or > 100L * 1024 * 1024) errors.Add("Gateway:MaxRequestBodyBytes must be between 1 and 100 MB");
        if (options.UnavailableRetryAfterSeconds is < 1 or > 3600) errors.Add("Gateway:UnavailableRetryAfterSeconds must be between 1 and 3600");
        if (options.CircuitOpenRetryAfterSeconds is < 1 or > 3600) errors.Add("Gateway:CircuitOpenRetryAfterSeconds must be between 1 and 3600");
        return errors;
    }

    /// <summary>The listed service whose prefix holds <paramref name="path"/> (with something after it), or null.</summary>
    static string? ServiceOf(string path, IEnumerable<string> services) =>
        services.FirstOrDefault(s =>
            new Microsoft.AspNetCore.Http.PathString(path).StartsWithSegments(InvocationPaths.ServicePrefix(s), StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.HasValue && rest.Value != "/");

    static RouteConfig Route(string id, string path, string service, string kind, RouteAccess access, int order) => new()
    {
        RouteId = id,
        ClusterId = SidecarCluster,
        Order = order,
        Match = new RouteMatch { Path = path },
        AuthorizationPolicy = access == RouteAccess.Anonymous ? AnonymousPolicy : DefaultPolicy,
        Metadata = new Dictionary<string, string>
        {
            [ServiceKey] = service,
            [KindKey] = kind,
            [AccessKey] = access.ToString(),
        },
    };

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex AppId();

    [GeneratedRegex(@"^(/[A-Za-z0-9._~-]+)+$")]
    private static partial Regex PlainPath();
}
