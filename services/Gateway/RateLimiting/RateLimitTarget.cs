using System.Globalization;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>
/// One counter a request is charged to: a scope (<c>tenant</c>, <c>user</c>, <c>ip</c>), the id within it and its rule.
/// State keys carry all three and the window: <c>ratelimit:user:{tid}:{sub}:60:29123456</c> (the sidecar prefixes
/// the app id, so every gateway replica shares the same counters).
/// </summary>
internal sealed record RateLimitTarget(string Scope, string Id, RateLimitRule Rule)
{
    public const string TenantScope = "tenant";
    public const string UserScope = "user";
    public const string AddressScope = "ip";

    public string Key(long windowIndex) => string.Create(CultureInfo.InvariantCulture, $"{SlotKey}:{windowIndex}");

    /// <summary>The counter across its windows: <c>ratelimit:{scope}:{id}:{window seconds}</c>.</summary>
    public string SlotKey => string.Create(CultureInfo.InvariantCulture, $"ratelimit:{Scope}:{Id}:{(long)Rule.Window.TotalSeconds}");

    /// <summary>Counters must outlive the next window, which reads this one as its previous.</summary>
    public string TimeToLiveSeconds => ((long)Math.Ceiling(Rule.Window.TotalSeconds * 2) + 1).ToString(CultureInfo.InvariantCulture);
}
