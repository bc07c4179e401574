using Microsoft.AspNetCore.Http;

namespace DaprShop.Gateway.Routing;

/// <summary>
/// Where a gateway path goes on the sidecar's service invocation API: <c>/api/v1/catalog/products</c> →
/// <c>/v1.0/invoke/catalog/method/api/v1/products</c>. <see cref="PathString"/> concatenation keeps the
/// request's own escaping, so an encoded <c>%2F</c> in an id stays inside that segment.
/// </summary>
internal static class InvocationPaths
{
    public const string ApiPrefix = "/api/v1";

    /// <summary>The gateway prefix of a service: <c>/api/v1/catalog</c>.</summary>
    public static PathString ServicePrefix(string service) => new($"{ApiPrefix}/{service}");

    /// <summary>The sidecar path of a service's method: <c>/v1.0/invoke/{service}/method</c> + <paramref name="method"/>.</summary>
    public static PathString Invoke(string service, PathString method) => new PathString($"/v1.0/invoke/{service}/method").Add(method);

    /// <summary>
    /// Maps a gateway path under <c>/api/v1/{service}</c> to the sidecar path of that service's <c>/api/v1/{rest}</c>;
    /// false when the path is not under the service's prefix.
    /// </summary>
    public static bool TryMapServicePath(string service, PathString gatewayPath, out PathString sidecarPath)
    {
        if (gatewayPath.StartsWithSegments(ServicePrefix(service), StringComparison.OrdinalIgnoreCase, out var rest))
        {
            sidecarPath = Invoke(service, new PathString(ApiPrefix).Add(rest));
            return true;
        }
        sidecarPath = default;
        return false;
    }

    /// <summary>
    /// A service's <c>Location</c> (<c>/api/v1/products/42</c>) in the gateway's form (<c>/api/v1/catalog/products/42</c>);
    /// anything else (absolute URLs, other paths) is left as it is.
    /// </summary>
    public static string GatewayLocation(string service, string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith(ApiPrefix + "/", StringComparison.Ordinal)
            ? ServicePrefix(service) + location[ApiPrefix.Length..]
            : location;
    }
}
