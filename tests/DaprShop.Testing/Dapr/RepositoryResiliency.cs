using DaprShop.LocalSidecar.Resiliency;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.Testing.Dapr;

/// <summary>
/// The repository's <c>components/common/resiliency.yaml</c> as the local sidecar reads it, so that a test sends as
/// many failures as the YAML's breaker needs rather than a number of its own that goes stale when the YAML changes.
/// </summary>
public static class RepositoryResiliency
{
    /// <summary>The breaker policy the sidecar applies to calls to <paramref name="appId"/>.</summary>
    public static CircuitBreakerPolicy BreakerFor(string appId)
    {
        var set = new ResourceSet();
        ResourceLoader.LoadFile(set, TestDapr.RepositoryPath("components", "common", "resiliency.yaml"));
        return set.Resiliency.ForApp(appId)?.CircuitBreaker
               ?? throw new InvalidOperationException($"resiliency.yaml gives {appId} no circuit breaker");
    }

    /// <summary>
    /// How many consecutive failed calls to one method path of <paramref name="appId"/> open its breaker: the least
    /// count the trip expression accepts, evaluated as the sidecar evaluates it.
    /// </summary>
    public static int TripCount(string appId)
    {
        var trip = BreakerFor(appId).EffectiveTrip;
        for (var n = 1; n <= 1_000_000; n++)
            if (trip.ShouldTrip(new CircuitCounts(n, 0, n, 0, n))) return n;
        throw new InvalidOperationException($"the breaker of {appId} never trips on consecutive failures: {trip}");
    }
}
