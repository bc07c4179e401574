namespace DaprShop.LocalSidecar.PubSub;

/// <summary>Wakes deliveries held while their app was taken down, once it is brought back.</summary>
internal sealed class AppUpSignal
{
    TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Take the task before checking the app's state, so a release in between is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Release() =>
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
