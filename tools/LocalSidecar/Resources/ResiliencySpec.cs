namespace DaprShop.LocalSidecar.Resources;

/// <summary>A retry policy from a <c>Resiliency</c> resource (<c>spec.policies.retries</c>).</summary>
public sealed record RetryPolicy(string Name, bool Exponential, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries)
{
    /// <summary>
    /// Redelivery forever at a constant interval: the broker's own redelivery, which applies when no
    /// Resiliency policy targets the component (see <see cref="Cluster.ClusterOptions.DefaultRetryInterval"/>).
    /// </summary>
    public static RetryPolicy DefaultFor(TimeSpan interval) => new("DaprBuiltInRetry", false, interval, interval, -1);

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        if (!Exponential) return Duration;
        // Dapr's exponential policy starts at 500 ms initial interval unless 'duration' is given, doubling up to maxInterval.
        var initial = Duration > TimeSpan.Zero ? Duration : TimeSpan.FromMilliseconds(500);
        var ms = initial.TotalMilliseconds * Math.Pow(2, retry - 1);
        var cap = MaxInterval > TimeSpan.Zero ? MaxInterval.TotalMilliseconds : 60_000;
        return TimeSpan.FromMilliseconds(Math.Min(ms, cap));
    }

    /// <summary>-1 means retry forever, as in Dapr.</summary>
    public bool AllowsRetry(int retriesSoFar) => MaxRetries < 0 || retriesSoFar < MaxRetries;
}

/// <summary>A timeout policy (<c>spec.policies.timeouts</c>).</summary>
public sealed record TimeoutPolicy(string Name, TimeSpan Timeout);

/// <summary>The parts of <c>Resiliency</c> resources the cluster applies: named policies and their targets.</summary>
public sealed class ResiliencySpec
{
    public Dictionary<string, RetryPolicy> Retries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TimeoutPolicy> Timeouts { get; } = new(StringComparer.Ordinal);
    /// <summary>component name → (inbound retry policy name, outbound retry policy name).</summary>
    public Dictionary<string, (string? InboundRetry, string? OutboundRetry)> ComponentTargets { get; } = new(StringComparer.Ordinal);
    /// <summary>app id → (retry policy name, timeout policy name) for service invocation.</summary>
    public Dictionary<string, (string? Retry, string? Timeout)> AppTargets { get; } = new(StringComparer.Ordinal);
    public List<string> Scopes { get; } = [];

    public RetryPolicy? InboundRetryFor(string component) =>
        ComponentTargets.TryGetValue(component, out var t) && t.InboundRetry is { } n && Retries.TryGetValue(n, out var p) ? p : null;

    public RetryPolicy? RetryForApp(string appId) =>
        AppTargets.TryGetValue(appId, out var t) && t.Retry is { } n && Retries.TryGetValue(n, out var p) ? p : null;

    public TimeoutPolicy? TimeoutForApp(string appId) =>
        AppTargets.TryGetValue(appId, out var t) && t.Timeout is { } n && Timeouts.TryGetValue(n, out var p) ? p : null;
}
