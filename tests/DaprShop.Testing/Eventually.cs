namespace DaprShop.Testing;

/// <summary>Waits on a condition with a timeout instead of sleeping a fixed time.</summary>
public static class Eventually
{
    /// <param name="explain">What the timeout message adds (e.g. the calls the cluster recorded), read only on a timeout.</param>
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null, Func<string>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await TrueAsync(() => Task.FromResult(condition()), because, timeout, explain).ConfigureAwait(false);
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null, Func<string>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {because}" + (explain is null ? "" : "\n" + explain()));
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Asserts a condition stays false for a while (for "never happens" checks).</summary>
    public static async Task NeverAsync(Func<bool> condition, TimeSpan window, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            if (condition()) throw new Xunit.Sdk.XunitException($"expected never: {what}");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
