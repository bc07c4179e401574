namespace DaprShop.Gateway.RateLimiting;

/// <summary>
/// What this replica last knew of one counter: for window <see cref="Window"/>, its count and ETag, and the previous
/// window's count. Only a guess — another replica may have counted since — so every charge is still a conditional
/// write with that ETag; a stale guess fails the write and the counter is read again. Counts only grow within a
/// window, so a refusal on a stale (lower) count is always right. The gate serialises this replica's charges of the
/// counter, so they never conflict with each other.
/// </summary>
internal sealed class CounterSlot
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The window the fields describe; anything else means "read the store first".</summary>
    public long Window { get; set; } = long.MinValue;

    public long Current { get; set; }
    public string? ETag { get; set; }
    public long Previous { get; set; }
    /// <summary>When (UTC ticks) a request last used the counter; after two windows of idleness it may be forgotten.</summary>
    public long LastUsed { get; set; }

    public long WindowTicks { get; set; }

    public void Forget() => Window = long.MinValue;
}
