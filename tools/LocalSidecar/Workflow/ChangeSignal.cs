namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// Wakes everyone waiting on an app's instances (WaitForInstanceStart/Completion, Suspend, Resume,
/// Terminate, a blocking StartInstance) whenever any of them changes; each waiter re-checks its own
/// condition. Read <see cref="Next"/> and pulse under the same lock so no change slips between the
/// check and the wait.
/// </summary>
sealed class ChangeSignal
{
    TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => _next.Task;

    public void Pulse()
    {
        var fired = _next;
        _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        fired.TrySetResult();
    }
}
