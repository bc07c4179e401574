namespace DaprShop.Gateway.RateLimiting;

/// <summary>Where an instant falls among fixed windows of a length: window number and time into it.</summary>
internal readonly record struct WindowPosition(long Index, TimeSpan Elapsed);

/// <summary>A limiter's answer for one request: allowed or not, what is left, when the window ends, when to retry.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, long Remaining, TimeSpan Reset, TimeSpan RetryAfter)
{
    /// <summary>Retry-After in whole seconds, at least 1 (a 0 would invite an immediate retry storm).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public int ResetSeconds => Math.Max(0, (int)Math.Ceiling(Reset.TotalSeconds));
}

/// <summary>
/// The sliding-window counter: two fixed-window counts stand in for a log of every request. The estimate of requests
/// in the last window is <c>previous × (W − t)/W + current</c>, where t is the time into the current window; a request
/// is allowed when the estimate plus itself stays within the limit. With an empty previous window this is an exact
/// fixed window (a burst gets exactly <c>Limit</c> through); across a boundary it smooths the 2× burst a plain fixed
/// window allows. Integer arithmetic in milliseconds keeps the limit exact (no rounding lets an extra request in).
/// </summary>
internal static class SlidingWindow
{
    public static WindowPosition Locate(DateTimeOffset now, TimeSpan window)
    {
        var w = WindowMs(window);
        var ms = now.ToUnixTimeMilliseconds();
        var index = Math.DivRem(ms, w, out var into);
        if (into < 0)
        {
            index--;
            into += w;
        }
        return new WindowPosition(index, TimeSpan.FromMilliseconds(into));
    }

    /// <param name="limit">Requests allowed per window.</param>
    /// <param name="window">The window length (whole seconds).</param>
    /// <param name="previous">Requests counted in the previous window.</param>
    /// <param name="current">Requests counted so far in the current window.</param>
    /// <param name="elapsed">Time into the current window.</param>
    public static RateLimitDecision Decide(int limit, TimeSpan window, long previous, long current, TimeSpan elapsed)
    {
        var w = WindowMs(window);
        var t = Math.Clamp((long)elapsed.TotalMilliseconds, 0, w - 1);
        previous = Math.Max(0, previous);
        current = Math.Max(0, current);
        var reset = TimeSpan.FromMilliseconds(w - t);

        // Units of request·ms: the budget is limit·W.
        var budget = limit * w;
        var used = previous * (w - t) + (current + 1) * w;
        if (used <= budget)
            return new RateLimitDecision(true, (budget - used) / w, reset, TimeSpan.Zero);

        return new RateLimitDecision(false, 0, reset, TimeSpan.FromMilliseconds(WaitMs(limit, w, previous, current, t)));
    }

    /// <summary>How long until one more request fits, assuming no other request is counted meanwhile.</summary>
    static long WaitMs(long limit, long w, long previous, long current, long t)
    {
        // Later in this window the previous window's weight fades: previous·(W − t') ≤ (limit − current − 1)·W.
        var room = limit - current - 1;
        if (room >= 0 && previous > 0)
        {
            var at = w - room * w / previous;
            if (at < w) return Math.Max(1, at - t);
        }

        // Otherwise in the next window, where this window's count becomes the previous one: current·(W − t'') ≤ (limit − 1)·W.
        var next = current > 0 ? Math.Max(0, w - (limit - 1) * w / current) : 0;
        return (w - t) + next;
    }

    static long WindowMs(TimeSpan window) => Math.Max(1, (long)window.TotalMilliseconds);
}
