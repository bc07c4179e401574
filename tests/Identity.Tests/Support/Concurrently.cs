namespace DaprShop.Identity.Tests.Support;

/// <summary>Fires the same request many times at once: every call waits behind one gate, then all are released together.</summary>
public static class Concurrently
{
    public static async Task<T[]> RunAsync<T>(int times, Func<int, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new CountdownEvent(times);
        var calls = Enumerable.Range(0, times).Select(i => Task.Run(async () =>
        {
            ready.Signal();
            await gate.Task;
            return await call(i);
        })).ToArray();
        ready.Wait(TimeSpan.FromSeconds(30));
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    public static Task<T[]> RunAsync<T>(int times, Func<Task<T>> call) => RunAsync(times, _ => call());
}
