using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Recording;
using DaprShop.LocalSidecar.Resiliency;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Invocation;

/// <summary>
/// The circuit breakers one caller's sidecar keeps for service invocation. daprd keys them by
/// <c>{target-app-id}:{method}</c> (so each method path has its own breaker) and each sidecar has its own;
/// a breaker is made from the target's policy the first time the endpoint is called.
/// </summary>
internal sealed class InvocationBreakers(string callerAppId, TimeProvider time, CallRecorder calls)
{
    readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.Ordinal);

    public CircuitBreaker For(string endpoint, CircuitBreakerPolicy policy) =>
        _breakers.GetOrAdd(endpoint, key => new CircuitBreaker(key, policy, time,
            (from, to) => calls.Record(callerAppId, "invoke", "circuit-breaker", key, $"{Name(from)} -> {Name(to)}")));

    /// <summary>Forgets every breaker, as a restarted sidecar has none.</summary>
    public void Reset() => _breakers.Clear();

    static string Name(CircuitState s) => s switch
    {
        CircuitState.Closed => "closed",
        CircuitState.HalfOpen => "half-open",
        _ => "open",
    };
}
