using System.Collections.Concurrent;

namespace DaprShop.LocalSidecar.Faults;

/// <summary>What to do to the next delivery of a topic.</summary>
public enum DeliveryFault { Duplicate, Drop, Delay }

/// <summary>
/// Faults a test arms before acting: the next N state writes, invocations or publishes fail, the next
/// delivery on a topic is duplicated, dropped or delayed. Each armed fault is consumed once it fires.
/// </summary>
public sealed class FaultInjector
{
    readonly ConcurrentDictionary<string, int> _failStateWrites = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> _failInvocations = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> _failPublishes = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, ConcurrentQueue<(DeliveryFault Fault, TimeSpan Delay)>> _deliveries = new(StringComparer.Ordinal);

    const string AnyApp = "*";

    /// <summary>The next <paramref name="count"/> state writes (save, delete, transaction) of <paramref name="appId"/> (or any app) fail with gRPC Internal.</summary>
    public void FailNextStateWrites(int count, string? appId = null) => _failStateWrites[appId ?? AnyApp] = count;

    /// <summary>The next <paramref name="count"/> invocations targeting <paramref name="targetAppId"/> (or any app) fail as daprd does when the callee is unreachable.</summary>
    public void FailNextInvocations(int count, string? targetAppId = null) => _failInvocations[targetAppId ?? AnyApp] = count;

    /// <summary>The next <paramref name="count"/> publishes to <paramref name="topic"/> (or any topic) fail as a broker outage does.</summary>
    public void FailNextPublishes(int count, string? topic = null) => _failPublishes[topic ?? AnyApp] = count;

    public void DuplicateNextDelivery(string topic) => Enqueue(topic, DeliveryFault.Duplicate, TimeSpan.Zero);

    public void DropNextDelivery(string topic) => Enqueue(topic, DeliveryFault.Drop, TimeSpan.Zero);

    public void DelayNextDelivery(string topic, TimeSpan delay) => Enqueue(topic, DeliveryFault.Delay, delay);

    /// <summary>Disarms the delivery faults of <paramref name="topic"/> that have not fired yet.</summary>
    public void ClearDeliveryFaults(string topic) => _deliveries.TryRemove(topic, out _);

    internal bool TakeStateWriteFailure(string appId) => Take(_failStateWrites, appId) || Take(_failStateWrites, AnyApp);

    internal bool TakeInvocationFailure(string targetAppId) => Take(_failInvocations, targetAppId) || Take(_failInvocations, AnyApp);

    internal bool TakePublishFailure(string topic) => Take(_failPublishes, topic) || Take(_failPublishes, AnyApp);

    internal (DeliveryFault Fault, TimeSpan Delay)? TakeDeliveryFault(string topic) =>
        _deliveries.TryGetValue(topic, out var q) && q.TryDequeue(out var f) ? f : null;

    void Enqueue(string topic, DeliveryFault fault, TimeSpan delay) =>
        _deliveries.GetOrAdd(topic, _ => new()).Enqueue((fault, delay));

    static bool Take(ConcurrentDictionary<string, int> counters, string key)
    {
        while (counters.TryGetValue(key, out var left) && left > 0)
            if (counters.TryUpdate(key, left - 1, left)) return true;
        return false;
    }
}
