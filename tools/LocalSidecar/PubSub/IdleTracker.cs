namespace DaprShop.LocalSidecar.PubSub;

/// <summary>Counts deliveries in progress (including waits between retries) so tests can await quiescence.</summary>
internal sealed class IdleTracker
{
    readonly Lock _lock = new();
    int _busy;
    TaskCompletionSource? _idle;

    public void Enter()
    {
        lock (_lock) _busy++;
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_busy > 0) return;
            _idle?.TrySetResult();
            _idle = null;
        }
    }

    public Task WhenIdle()
    {
        lock (_lock)
        {
            if (_busy == 0) return Task.CompletedTask;
            _idle ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
