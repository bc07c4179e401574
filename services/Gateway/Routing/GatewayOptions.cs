namespace DaprShop.Gateway.Routing;

/// <summary>What the gateway exposes (configuration section <c>Gateway</c>); adding a service is one line in <see cref="Services"/>.</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>App ids reachable as <c>/api/v1/&lt;app-id&gt;/{**rest}</c> → that app's <c>/api/v1/{rest}</c>.</summary>
    public List<string> Services { get; } = [];

    /// <summary>
    /// Gateway paths under a service's prefix that need no token (sign-up, login, refresh, logout), e.g.
    /// <c>/api/v1/identity/auth/login</c>. They are rate limited per client IP instead of per tenant and user.
    /// </summary>
    public List<string> AnonymousRoutes { get; } = [];

    /// <summary>Paths served as they are by one service, without a token (identity's OIDC discovery and JWKS).</summary>
    public List<PublicRoute> PublicRoutes { get; } = [];

    /// <summary>Retry-After (seconds) on a 503 when a service cannot be reached.</summary>
    public int UnavailableRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Retry-After (seconds) on a 503 when a service's circuit breaker is open: the breaker's <c>timeout</c> in the
    /// resiliency YAML (the sidecar does not say how long it has left).
    /// </summary>
    public int CircuitOpenRetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// The largest request body forwarded (bytes); a larger one is a 413 problem at the edge, before any of it is read
    /// or reaches a service or sidecar (daprd itself refuses bodies over 4 MB by default). Services keep their own,
    /// smaller limits.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The gateway's own safety net: a proxied request idle this long is cancelled with a 504. The per-service
    /// timeouts live in the Dapr resiliency YAML and are shorter; this only guarantees that nothing hangs.
    /// </summary>
    public TimeSpan ProxyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A path the gateway forwards unchanged to one service (e.g. <c>/.well-known/jwks</c> → identity).</summary>
internal sealed class PublicRoute
{
    public string Path { get; set; } = "";
    public string Service { get; set; } = "";
}
