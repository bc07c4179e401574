using System.Net;
using System.Net.Sockets;
using DaprShop.Gateway.Routing;
using DaprShop.ServiceDefaults.Auth;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>Which counters a request is charged to.</summary>
internal static class RateLimitTargets
{
    /// <summary>
    /// Anonymous routes: the client address. Authenticated routes: the user (within the tenant) first, then the
    /// tenant, each with the tenant's rules. The ids come from the validated token, never from a header.
    /// </summary>
    public static IReadOnlyList<RateLimitTarget> For(HttpContext http, RouteAccess access, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var subject = http.User.FindFirst(DaprShopClaims.Subject)?.Value;
        if (access == RouteAccess.Anonymous || string.IsNullOrEmpty(subject) || subject.Length > 200)
            return [new RateLimitTarget(RateLimitTarget.AddressScope, AddressKey(http.Connection.RemoteIpAddress), options.Anonymous)];

        Guid? tenant = Guid.TryParse(http.User.FindFirst(DaprShopClaims.TenantId)?.Value, out var tid) ? tid : null;
        var (tenantRule, userRule) = options.For(tenant);
        var user = new RateLimitTarget(RateLimitTarget.UserScope, $"{tenant?.ToString() ?? "-"}:{Uri.EscapeDataString(subject)}", userRule);
        return tenant is { } t ? [user, new RateLimitTarget(RateLimitTarget.TenantScope, t.ToString(), tenantRule)] : [user];
    }

    /// <summary>
    /// An IPv4 address as is; an IPv6 address by its /64 prefix, since one client commonly holds a whole /64.
    /// (Behind a proxy, set ASPNETCORE_FORWARDEDHEADERS_ENABLED so RemoteIpAddress is the client's.)
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
