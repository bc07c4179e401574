using DaprShop.Contracts;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>
/// Rate limits (configuration section <c>Gateway:RateLimits</c>, reloadable): defaults for every tenant, overrides per
/// tenant id. A scope left out of an override keeps the default. Counters live in the Dapr state store.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>The Dapr state store holding the counters (shared by every gateway replica: same app id, same keys).</summary>
    public string StateStore { get; set; } = Components.StateStore;

    public RateLimitPolicy Default { get; set; } = new()
    {
        Tenant = new RateLimitRule { Limit = 1000, Window = TimeSpan.FromMinutes(1) },
        User = new RateLimitRule { Limit = 120, Window = TimeSpan.FromMinutes(1) },
        Anonymous = new RateLimitRule { Limit = 30, Window = TimeSpan.FromMinutes(1) },
    };

    /// <summary>Overrides by tenant id (the token's <c>tid</c>).</summary>
    public Dictionary<string, RateLimitPolicy> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ETag conflicts one request may meet on one counter before it is refused as over the limit.</summary>
    public int MaxAttempts { get; set; } = 64;

    /// <summary>
    /// The store's ETags are versions that count up by one per write (Redis, DaprShop's <c>statestore</c>): after a write
    /// the replica knows the new ETag and the next request writes without reading first. With another store set false
    /// (a wrong guess is only an extra conflict and read, never a wrong count).
    /// </summary>
    public bool PredictETags { get; set; } = true;

    /// <summary>The rules in force for a tenant: its override where it has one, else the defaults.</summary>
    public (RateLimitRule Tenant, RateLimitRule User) For(Guid? tenantId)
    {
        var own = tenantId is { } id && ByTenantId.TryGetValue(id, out var p) ? p : null;
        return (own?.Tenant ?? Default.Tenant!, own?.User ?? Default.User!);
    }

    // Keys as written in configuration (any Guid format); a reload binds a new options instance, so this is never stale.
    Dictionary<Guid, RateLimitPolicy>? _byTenantId;

    Dictionary<Guid, RateLimitPolicy> ByTenantId => _byTenantId ??= Tenants
        .Where(t => Guid.TryParse(t.Key, out _))
        .ToDictionary(t => Guid.Parse(t.Key), t => t.Value);

    public RateLimitRule Anonymous => Default.Anonymous!;

    /// <summary>Every problem with the settings, so that a bad configuration is refused at start-up or reload.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(StateStore)) errors.Add("StateStore is empty");
        if (MaxAttempts is < 1 or > 1000) errors.Add("MaxAttempts must be between 1 and 1000");
        Check("Default:Tenant", Default.Tenant, required: true);
        Check("Default:User", Default.User, required: true);
        Check("Default:Anonymous", Default.Anonymous, required: true);
        foreach (var (tenant, policy) in Tenants)
        {
            if (!Guid.TryParse(tenant, out _)) errors.Add($"Tenants:{tenant} is not a tenant id");
            Check($"Tenants:{tenant}:Tenant", policy.Tenant, required: false);
            Check($"Tenants:{tenant}:User", policy.User, required: false);
            if (policy.Anonymous is not null) errors.Add($"Tenants:{tenant}:Anonymous: anonymous requests have no tenant; set it under Default");
        }
        return errors;

        void Check(string name, RateLimitRule? rule, bool required)
        {
            if (rule is null)
            {
                if (required) errors.Add($"{name} is missing");
                return;
            }
            errors.AddRange(rule.Validate().Select(e => $"{name}: {e}"));
        }
    }
}

/// <summary>The rules of one tenant (or the defaults); null = the default's.</summary>
internal sealed class RateLimitPolicy
{
    public RateLimitRule? Tenant { get; set; }
    public RateLimitRule? User { get; set; }
    public RateLimitRule? Anonymous { get; set; }
}

/// <summary>At most <see cref="Limit"/> requests in any sliding <see cref="Window"/>.</summary>
internal sealed class RateLimitRule
{
    public const int MaxLimit = 10_000_000;
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public int Limit { get; set; }
    public TimeSpan Window { get; set; }

    public IEnumerable<string> Validate()
    {
        if (Limit is < 1 or > MaxLimit) yield return $"Limit must be between 1 and {MaxLimit}";
        if (Window < MinWindow || Window > MaxWindow) yield return "Window must be between 00:00:01 and 1.00:00:00";
        else if (Window.Ticks % TimeSpan.TicksPerSecond != 0) yield return "Window must be whole seconds";
    }

    public override string ToString() => $"{Limit}/{Window}";
}
