using System.Collections.Concurrent;
using System.Text;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;

namespace DaprShop.LocalSidecar.Tests.Actors;

/// <summary>What the sample actors did, shared by every app instance of a test (it survives RestartAsync).</summary>
public sealed class ActorProbe
{
    readonly ConcurrentDictionary<string, int> _running = new();
    int _runningAll;
    int _arrived;
    readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Events { get; } = new();
    public int MaxOverlapPerActor;
    public int MaxOverlapAll;

    public int Count(string prefix) => Events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));

    public void Enter(string id)
    {
        var mine = _running.AddOrUpdate(id, 1, (_, n) => n + 1);
        var all = Interlocked.Increment(ref _runningAll);
        InterlockedMax(ref MaxOverlapPerActor, mine);
        InterlockedMax(ref MaxOverlapAll, all);
    }

    public void Exit(string id)
    {
        _running.AddOrUpdate(id, 0, (_, n) => n - 1);
        Interlocked.Decrement(ref _runningAll);
    }

    /// <summary>Completes only when <paramref name="parties"/> calls are inside at once: serialised calls time out.</summary>
    public Task RendezvousAsync(int parties)
    {
        if (Interlocked.Increment(ref _arrived) >= parties) _allArrived.TrySetResult();
        return _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}

public interface ICounterActor : IActor
{
    Task<int> IncrementAsync(int by);
    Task<int> GetAsync();
    Task RendezvousAsync(int parties);
    Task FailAsync();
    Task<string> EchoAsync(string text);
    Task<string> BounceAsync(string otherId, int hops);
    Task StartTimerAsync(string name, int dueMs, int periodMs);
    Task StopTimerAsync(string name);
    Task RegisterReminderAsync(string name, int dueMs, int periodMs, int repetitions);
    Task<string> DescribeReminderAsync(string name);
    Task UnregisterReminderAsync(string name);
}

public sealed class CounterActor(ActorHost host, ActorProbe probe) : Actor(host), ICounterActor, IRemindable
{
    public const string TypeName = nameof(CounterActor);
    string MyId => Id.GetId();

    protected override Task OnDeactivateAsync()
    {
        probe.Events.Enqueue($"deactivated:{MyId}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync(int by)
    {
        probe.Enter(MyId);
        try
        {
            var current = await StateManager.TryGetStateAsync<int>("count");
            // Widens the read-modify-write window, so interleaved turns would lose updates.
            await Task.Delay(2);
            var next = (current.HasValue ? current.Value : 0) + by;
            await StateManager.SetStateAsync("count", next);
            return next;
        }
        finally
        {
            probe.Exit(MyId);
        }
    }

    public async Task<int> GetAsync() => (await StateManager.TryGetStateAsync<int>("count")) is { HasValue: true } v ? v.Value : 0;

    public Task RendezvousAsync(int parties) => probe.RendezvousAsync(parties);

    public Task FailAsync() => throw new InvalidOperationException("boom from the actor");

    public Task<string> EchoAsync(string text)
    {
        probe.Events.Enqueue($"echo:{MyId}:{text}");
        return Task.FromResult($"{MyId}:{text}");
    }

    public async Task<string> BounceAsync(string otherId, int hops)
    {
        if (hops == 0) return await EchoAsync("end");
        var other = ProxyFactory.CreateActorProxy<ICounterActor>(new ActorId(otherId), TypeName);
        return await other.BounceAsync(MyId, hops - 1);
    }

    public Task StartTimerAsync(string name, int dueMs, int periodMs) =>
        RegisterTimerAsync(name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(name),
            TimeSpan.FromMilliseconds(dueMs), periodMs < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(periodMs));

    public Task StopTimerAsync(string name) => UnregisterTimerAsync(name);

    public Task OnTimerAsync(byte[] data)
    {
        probe.Events.Enqueue($"timer:{MyId}:{Encoding.UTF8.GetString(data)}");
        return Task.CompletedTask;
    }

    public Task RegisterReminderAsync(string name, int dueMs, int periodMs, int repetitions)
    {
        var due = TimeSpan.FromMilliseconds(dueMs);
        var period = periodMs < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(periodMs);
        var state = Encoding.UTF8.GetBytes($"state-of-{name}");
        return repetitions > 0
            ? RegisterReminderAsync(name, state, due, period, repetitions)
            : RegisterReminderAsync(name, state, due, period);
    }

    public async Task<string> DescribeReminderAsync(string name)
    {
        try
        {
            var r = await GetReminderAsync(name);
            return r is null ? "none" : $"{r.DueTime}|{r.Period}|{Encoding.UTF8.GetString(r.State)}";
        }
        catch (Dapr.DaprApiException e)
        {
            return $"error:{e.ErrorCode}";
        }
    }

    public new Task UnregisterReminderAsync(string name) => base.UnregisterReminderAsync(name);

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        probe.Events.Enqueue($"remind:{MyId}:{reminderName}:{Encoding.UTF8.GetString(state)}");
        return Task.CompletedTask;
    }
}
