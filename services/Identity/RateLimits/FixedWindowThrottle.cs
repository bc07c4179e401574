using Microsoft.Extensions.Options;

namespace DaprShop.Identity.RateLimits;

/// <summary>
/// Fixed-window counters per partition key, on the injected clock (System.Threading.RateLimiting's limiters keep their
/// own time, so tests could not end a window without waiting). One lock makes taking permits from several partitions
/// at once atomic; at sign-in rates it is never contended for long. Counters live in this process: with several
/// replicas each enforces its own limit (the gateway's shared limits come first).
/// </summary>
internal sealed class FixedWindowThrottle(IOptions<SignInRateLimitOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one permit from each partition (key → limit), partition by partition; the first partition out of permits
    /// refuses the attempt and says how long until its window ends.
    /// </summary>
    public bool TryAcquire(IEnumerable<(string Key, int Limit)> partitions, out TimeSpan retryAfter)
    {
        var window = options.Value.Window;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_windows.Count > PruneAbove)
            {
                foreach (var stale in _windows.Where(w => w.Value.Start + window <= now).Select(w => w.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }

            foreach (var (key, limit) in partitions)
            {
                if (!_windows.TryGetValue(key, out var current) || current.Start + window <= now)
                {
                    _windows[key] = current = new Window(now);
                }

                if (current.Count >= limit)
                {
                    retryAfter = current.Start + window - now;
                    return false;
                }

                current.Count++;
            }
        }

        retryAfter = TimeSpan.Zero;
        return true;
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Count { get; set; }
    }
}
