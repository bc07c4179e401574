using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Resiliency;

public enum CircuitState { Closed, HalfOpen, Open }

/// <summary>The counts a breaker keeps for the current generation (what a trip expression sees).</summary>
public readonly record struct CircuitCounts(
    long Requests, long TotalSuccesses, long TotalFailures, long ConsecutiveSuccesses, long ConsecutiveFailures);

/// <summary>Why a breaker refused a call: open, or half-open with its <c>maxRequests</c> already out.</summary>
public sealed class CircuitBreakerRejectedException(string message) : Exception(message);

/// <summary>
/// daprd's circuit breaker (a port of the sony/gobreaker state machine daprd wraps):
/// <list type="bullet">
/// <item>closed: every call runs; after a failure the trip expression sees the counts and may open the
/// breaker. With an <c>interval</c>, the counts are cleared each interval.</item>
/// <item>open: calls fail at once with "circuit breaker is open" until <c>timeout</c> has passed, then half-open.</item>
/// <item>half-open: up to <c>maxRequests</c> calls run ("too many requests" beyond); one failure opens it again,
/// <c>maxRequests</c> consecutive successes close it.</item>
/// </list>
/// Outcomes of calls admitted in an earlier generation (before a state change) are ignored, as in gobreaker.
/// Time comes from the cluster's clock, so a fake clock can move a breaker from open to half-open.
/// </summary>
public sealed class CircuitBreaker
{
    public const string OpenMessage = "circuit breaker is open";
    public const string TooManyRequestsMessage = "too many requests";

    readonly Lock _gate = new();
    readonly CircuitBreakerPolicy _policy;
    readonly TimeProvider _time;
    readonly Action<CircuitState, CircuitState>? _onStateChange;
    CircuitState _state = CircuitState.Closed;
    long _generation;
    CircuitCounts _counts;
    DateTimeOffset? _expiry;

    public CircuitBreaker(string name, CircuitBreakerPolicy policy, TimeProvider time, Action<CircuitState, CircuitState>? onStateChange = null)
    {
        Name = name;
        _policy = policy;
        _time = time;
        _onStateChange = onStateChange;
        NewGeneration(time.GetUtcNow());
    }

    public string Name { get; }

    public CircuitState State
    {
        get { lock (_gate) return Current(_time.GetUtcNow()); }
    }

    public CircuitCounts Counts
    {
        get { lock (_gate) { Current(_time.GetUtcNow()); return _counts; } }
    }

    /// <summary>Admits a call or throws <see cref="CircuitBreakerRejectedException"/>; the ticket reports the outcome.</summary>
    public long Admit()
    {
        lock (_gate)
        {
            var state = Current(_time.GetUtcNow());
            if (state == CircuitState.Open) throw new CircuitBreakerRejectedException(OpenMessage);
            if (state == CircuitState.HalfOpen && _counts.Requests >= _policy.EffectiveMaxRequests)
                throw new CircuitBreakerRejectedException(TooManyRequestsMessage);
            _counts = _counts with { Requests = _counts.Requests + 1 };
            return _generation;
        }
    }

    /// <summary>Reports the outcome of a call admitted with <paramref name="ticket"/>.</summary>
    public void Report(long ticket, bool success)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var state = Current(now);
            if (ticket != _generation) return;
            if (success)
            {
                _counts = _counts with
                {
                    TotalSuccesses = _counts.TotalSuccesses + 1,
                    ConsecutiveSuccesses = _counts.ConsecutiveSuccesses + 1,
                    ConsecutiveFailures = 0,
                };
                if (state == CircuitState.HalfOpen && _counts.ConsecutiveSuccesses >= _policy.EffectiveMaxRequests)
                    SetState(CircuitState.Closed, now);
                return;
            }
            _counts = _counts with
            {
                TotalFailures = _counts.TotalFailures + 1,
                ConsecutiveFailures = _counts.ConsecutiveFailures + 1,
                ConsecutiveSuccesses = 0,
            };
            if (state == CircuitState.HalfOpen || (state == CircuitState.Closed && _policy.EffectiveTrip.ShouldTrip(_counts)))
                SetState(CircuitState.Open, now);
        }
    }

    CircuitState Current(DateTimeOffset now)
    {
        switch (_state)
        {
            case CircuitState.Closed when _expiry is { } e && e < now:
                NewGeneration(now);
                break;
            case CircuitState.Open when _expiry is { } e && e < now:
                SetState(CircuitState.HalfOpen, now);
                break;
        }
        return _state;
    }

    void SetState(CircuitState state, DateTimeOffset now)
    {
        if (_state == state) return;
        var previous = _state;
        _state = state;
        NewGeneration(now);
        _onStateChange?.Invoke(previous, state);
    }

    void NewGeneration(DateTimeOffset now)
    {
        _generation++;
        _counts = default;
        _expiry = _state switch
        {
            CircuitState.Closed => _policy.Interval > TimeSpan.Zero ? now + _policy.Interval : null,
            CircuitState.Open => now + _policy.EffectiveTimeout,
            _ => null,
        };
    }
}
