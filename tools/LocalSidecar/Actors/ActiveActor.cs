using System.Collections.Concurrent;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// One activation of an actor in the cluster's table: its turn lock, the calls in flight, its idle clock
/// and its timers (which live and die with the activation, as daprd's in-memory timers do).
/// </summary>
// The token source has no timer and nobody reads its WaitHandle, so there is nothing to release; disposing
// it would instead race with calls still linking to its token.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "CancellationTokenSource without timer or wait handle")]
public sealed class ActiveActor
{
    readonly ConcurrentDictionary<string, ScheduledCallback> _timers = new(StringComparer.Ordinal);
    readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly CancellationTokenSource _aborted = new();
    readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _inFlight;
    int _closing;

    internal ActiveActor(ActorHostEntry host, string type, string id)
    {
        Host = host;
        Type = type;
        Id = id;
        Lock = new ActorTurnLock(Key, host.Settings.ReentrancyEnabled, host.Settings.MaxStackDepth);
    }

    internal ActorHostEntry Host { get; }
    public string Type { get; }
    public string Id { get; }
    public string Key => $"{Type}||{Id}";
    public ActorTurnLock Lock { get; }
    public int InFlight => Volatile.Read(ref _inFlight);
    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    /// <summary>Completes once the app was told to deactivate (or the activation was dropped).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Cancelled when deactivation stops waiting for running calls (drainOngoingCallTimeout).</summary>
    public CancellationToken Aborted => _aborted.Token;

    internal ITimer? IdleTimer { get; set; }

    internal void CallStarted() => Interlocked.Increment(ref _inFlight);
    internal void CallEnded()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && IsClosing) _drained.TrySetResult();
    }

    internal bool TryBeginClose()
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0) return false;
        if (InFlight == 0) _drained.TrySetResult();
        return true;
    }

    /// <summary>Completes when closing and no call is in flight any more.</summary>
    internal Task Drained => _drained.Task;

    internal void SetTimer(string name, ScheduledCallback timer)
    {
        if (_timers.TryGetValue(name, out var old)) old.Cancel();
        _timers[name] = timer;
    }

    internal bool RemoveTimer(string name, ScheduledCallback? only = null)
    {
        if (!_timers.TryGetValue(name, out var t) || (only is not null && t != only)) return false;
        if (!_timers.TryRemove(new KeyValuePair<string, ScheduledCallback>(name, t))) return false;
        t.Cancel();
        return true;
    }

    internal void StopTimers()
    {
        foreach (var name in _timers.Keys) RemoveTimer(name);
    }

    internal void Abort() => _aborted.Cancel();

    internal void MarkDeactivated()
    {
        IdleTimer?.Dispose();
        _deactivated.TrySetResult();
    }
}
