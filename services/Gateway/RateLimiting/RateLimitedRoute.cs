using DaprShop.Gateway.Routing;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>Endpoint metadata: this route is rate limited, per client address (anonymous) or per user and tenant.</summary>
internal sealed record RateLimitedRoute(RouteAccess Access);
