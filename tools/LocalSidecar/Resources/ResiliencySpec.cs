using DaprShop.LocalSidecar.Resiliency;

namespace DaprShop.LocalSidecar.Resources;

/// <summary>
/// A retry policy from a <c>Resiliency</c> resource (<c>spec.policies.retries</c>), with dapr/kit's semantics:
/// <c>constant</c> waits <c>duration</c> (default 5 s); <c>exponential</c> waits <c>initialInterval</c> (default
/// 500 ms) times <c>multiplier</c> (default 1.5) per retry, up to <c>maxInterval</c> (default 60 s), and gives up once
/// <c>maxElapsedTime</c> (default 15 min) would pass; <c>maxRetries</c> -1 (the default) retries forever.
/// daprd randomises each exponential delay by ±50 % (<c>randomizationFactor</c>); here the delay is its mean, so a
/// test with a fake clock knows when the next attempt comes.
/// </summary>
public sealed record RetryPolicy(string Name, bool Exponential, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries)
{
    /// <summary>
    /// Redelivery forever at a constant interval: the broker's own redelivery, which applies when no
    /// Resiliency policy targets the component (see <see cref="Cluster.ClusterOptions.DefaultRetryInterval"/>).
    /// </summary>
    public static RetryPolicy DefaultFor(TimeSpan interval) => new("DaprBuiltInRetry", false, interval, interval, -1);

    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    public double Multiplier { get; init; } = 1.5;
    /// <summary>Exponential only: no retry that would start after this much time since the first attempt (zero: no limit).</summary>
    public TimeSpan MaxElapsedTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary><c>matching.httpStatusCodes</c>: the app statuses worth retrying (null = every failure, daprd's default).</summary>
    public StatusCodeRanges? HttpStatusCodes { get; init; }

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        if (!Exponential) return Duration;
        var cap = MaxInterval > TimeSpan.Zero ? MaxInterval : TimeSpan.FromSeconds(60);
        var ms = InitialInterval.TotalMilliseconds * Math.Pow(Multiplier, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, cap.TotalMilliseconds));
    }

    /// <summary>Whether another retry follows <paramref name="retriesSoFar"/> retries, <paramref name="elapsed"/> after the first attempt.</summary>
    public bool AllowsRetry(int retriesSoFar, TimeSpan elapsed = default) =>
        (MaxRetries < 0 || retriesSoFar < MaxRetries) &&
        (!Exponential || MaxElapsedTime <= TimeSpan.Zero || elapsed + DelayBefore(retriesSoFar + 1) <= MaxElapsedTime);

    /// <summary>Whether a failed app answer with <paramref name="status"/> is retried (daprd makes the others permanent).</summary>
    public bool RetriesStatus(int status) => HttpStatusCodes?.Contains(status) ?? true;
}

/// <summary>Status code patterns as daprd parses them: comma-separated codes and inclusive ranges ("500-599,429").</summary>
public sealed record StatusCodeRanges(IReadOnlyList<(int From, int To)> Ranges)
{
    public bool Contains(int code) => Ranges.Any(r => r.From <= code && code <= r.To);

    /// <exception cref="FormatException">A pattern is not a code or range within 100–599.</exception>
    public static StatusCodeRanges? Parse(string? patterns)
    {
        if (string.IsNullOrWhiteSpace(patterns)) return null;
        var ranges = new List<(int, int)>();
        foreach (var p in patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = p.Split('-');
            if (parts.Length > 2 || !int.TryParse(parts[0], out var from) || !int.TryParse(parts[^1], out var to) ||
                from is < 100 or > 599 || to is < 100 or > 599)
                throw new FormatException($"invalid HTTP status code pattern '{p}'");
            ranges.Add((from, to));
        }
        return new StatusCodeRanges(ranges);
    }
}

/// <summary>A timeout policy (<c>spec.policies.timeouts</c>).</summary>
public sealed record TimeoutPolicy(string Name, TimeSpan Timeout);

/// <summary>
/// A circuit breaker policy (<c>spec.policies.circuitBreakers</c>): the template each breaker instance
/// is made from. Zero values take daprd's (gobreaker's) defaults: maxRequests 1, timeout 60 s, interval
/// never, trip <c>consecutiveFailures &gt; 5</c>.
/// </summary>
public sealed record CircuitBreakerPolicy(string Name, int MaxRequests, TimeSpan Interval, TimeSpan Timeout, TripExpression? Trip)
{
    public int EffectiveMaxRequests => MaxRequests > 0 ? MaxRequests : 1;
    public TimeSpan EffectiveTimeout => Timeout > TimeSpan.Zero ? Timeout : TimeSpan.FromSeconds(60);
    public TripExpression EffectiveTrip => Trip ?? TripExpression.Default;
}

/// <summary>The policy names a target (<c>spec.targets.apps.&lt;app-id&gt;</c>) refers to.</summary>
public sealed record AppPolicyNames(string? Retry, string? Timeout, string? CircuitBreaker);

/// <summary>What applies to one service invocation target, resolved from names (null parts = none).</summary>
public sealed record InvocationPolicy(RetryPolicy? Retry, TimeSpan? Timeout, CircuitBreakerPolicy? CircuitBreaker)
{
    /// <summary>daprd buffers the request body for replay only when the policy retries.</summary>
    public bool HasRetries => Retry is { MaxRetries: not 0 };
}

/// <summary>
/// The parts of <c>Resiliency</c> resources the cluster applies: named policies and their targets.
/// Each resource is kept with its <c>scopes</c>; <see cref="ResourceSet.ResiliencyFor"/> merges those an app sees.
/// </summary>
public sealed class ResiliencySpec
{
    public Dictionary<string, RetryPolicy> Retries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TimeoutPolicy> Timeouts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CircuitBreakerPolicy> CircuitBreakers { get; } = new(StringComparer.Ordinal);
    /// <summary>component name → (inbound retry policy name, outbound retry policy name).</summary>
    public Dictionary<string, (string? InboundRetry, string? OutboundRetry)> ComponentTargets { get; } = new(StringComparer.Ordinal);
    /// <summary>app id → the policies daprd applies when invoking that app.</summary>
    public Dictionary<string, AppPolicyNames> AppTargets { get; } = new(StringComparer.Ordinal);
    public List<string> Scopes { get; } = [];

    public bool AppliesTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    public RetryPolicy? InboundRetryFor(string component) =>
        ComponentTargets.TryGetValue(component, out var t) && t.InboundRetry is { } n && Retries.TryGetValue(n, out var p) ? p : null;

    /// <summary>
    /// daprd's <c>EndpointPolicy</c>: the target's named policies, or else the default policies
    /// (<c>DefaultAppRetryPolicy</c> before <c>DefaultRetryPolicy</c>, likewise for timeouts and breakers).
    /// Null when nothing applies.
    /// </summary>
    public InvocationPolicy? ForApp(string appId)
    {
        InvocationPolicy policy;
        if (AppTargets.TryGetValue(appId, out var names))
        {
            policy = new InvocationPolicy(
                names.Retry is { } r ? Retries.GetValueOrDefault(r) : null,
                names.Timeout is { } t && Timeouts.TryGetValue(t, out var tp) ? tp.Timeout : null,
                names.CircuitBreaker is { } c ? CircuitBreakers.GetValueOrDefault(c) : null);
        }
        else
        {
            policy = new InvocationPolicy(
                Retries.GetValueOrDefault("DefaultAppRetryPolicy") ?? Retries.GetValueOrDefault("DefaultRetryPolicy"),
                (Timeouts.GetValueOrDefault("DefaultAppTimeoutPolicy") ?? Timeouts.GetValueOrDefault("DefaultTimeoutPolicy"))?.Timeout,
                CircuitBreakers.GetValueOrDefault("DefaultAppCircuitBreakerPolicy") ?? CircuitBreakers.GetValueOrDefault("DefaultCircuitBreakerPolicy"));
        }
        return policy is { Retry: null, Timeout: null, CircuitBreaker: null } ? null : policy;
    }

    /// <summary>Resources apply in load order: a later resource's policy or target of the same name wins, as in daprd.</summary>
    public static ResiliencySpec Merge(IEnumerable<ResiliencySpec> specs)
    {
        var merged = new ResiliencySpec();
        foreach (var s in specs)
        {
            foreach (var (k, v) in s.Retries) merged.Retries[k] = v;
            foreach (var (k, v) in s.Timeouts) merged.Timeouts[k] = v;
            foreach (var (k, v) in s.CircuitBreakers) merged.CircuitBreakers[k] = v;
            foreach (var (k, v) in s.ComponentTargets) merged.ComponentTargets[k] = v;
            foreach (var (k, v) in s.AppTargets) merged.AppTargets[k] = v;
        }
        return merged;
    }
}
