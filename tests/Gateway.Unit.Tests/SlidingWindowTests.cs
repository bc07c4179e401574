using DaprShop.Gateway.RateLimiting;

namespace DaprShop.Gateway.UnitTests;

public sealed class SlidingWindowTests
{
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void An_instant_falls_in_the_window_counted_from_the_epoch()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(600 + 15);   // window 10 of 60 s, 15 s in

        var position = SlidingWindow.Locate(at, Minute);

        Assert.Equal(new WindowPosition(10, TimeSpan.FromSeconds(15)), position);
    }

    [Fact]
    public void Before_the_epoch_the_window_is_still_the_one_that_holds_the_instant()
    {
        var position = SlidingWindow.Locate(DateTimeOffset.FromUnixTimeSeconds(-1), Minute);

        Assert.Equal(new WindowPosition(-1, TimeSpan.FromSeconds(59)), position);
    }

    [Fact]
    public void With_an_empty_previous_window_exactly_the_limit_fits()
    {
        var allowed = Enumerable.Range(0, 10).Count(current => SlidingWindow.Decide(5, Minute, 0, current, TimeSpan.FromSeconds(30)).Allowed);

        Assert.Equal(5, allowed);
    }

    [Fact]
    public void Remaining_counts_down_to_zero_with_the_last_request_allowed()
    {
        var remaining = Enumerable.Range(0, 5).Select(c => SlidingWindow.Decide(5, Minute, 0, c, TimeSpan.Zero).Remaining);

        Assert.Equal([4L, 3, 2, 1, 0], remaining);
    }

    [Theory]
    [InlineData(0, 0)]      // the start of the window: the whole previous count weighs
    [InlineData(30, 5)]     // half way: half of it
    [InlineData(54, 9)]     // 90 % in: a tenth of it
    public void The_previous_window_weighs_by_how_much_of_it_the_sliding_window_still_covers(int secondsIn, int fitting)
    {
        var allowed = Enumerable.Range(0, 20).Count(c => SlidingWindow.Decide(10, Minute, 10, c, TimeSpan.FromSeconds(secondsIn)).Allowed);

        Assert.Equal(fitting, allowed);
    }

    [Fact]
    public void Reset_is_the_time_left_in_the_window()
    {
        var d = SlidingWindow.Decide(5, Minute, 0, 0, TimeSpan.FromSeconds(15.2));

        Assert.Equal(TimeSpan.FromSeconds(44.8), d.Reset);
        Assert.Equal(45, d.ResetSeconds);
    }

    [Fact]
    public void A_full_window_with_an_empty_previous_one_waits_into_the_next_window()
    {
        // 5 of 5 used, 20 s into the window: in the next one, this window's 5 weigh until 5 × (60 − t)/60 ≤ 4, t ≥ 12 s.
        var d = SlidingWindow.Decide(5, Minute, 0, 5, TimeSpan.FromSeconds(20));

        Assert.False(d.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(40 + 12), d.RetryAfter);
        Assert.Equal(52, d.RetryAfterSeconds);
    }

    [Fact]
    public void A_heavy_previous_window_is_waited_out_within_the_current_one()
    {
        // 10 before, 2 now, limit 10, 10 s in: fits when 10 × (60 − t)/60 ≤ 7, t ≥ 18 s, so 8 s from now.
        var d = SlidingWindow.Decide(10, Minute, 10, 2, TimeSpan.FromSeconds(10));

        Assert.False(d.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(8), d.RetryAfter);
    }

    [Fact]
    public void Retry_After_is_at_least_a_second()
    {
        // Refused with only a few milliseconds to wait: a 0 would invite a retry storm.
        var d = SlidingWindow.Decide(10, Minute, 10, 0, TimeSpan.FromMilliseconds(5_999));

        Assert.False(d.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(1), d.RetryAfter);
        Assert.Equal(1, d.RetryAfterSeconds);
    }

    [Fact]
    public void Retry_After_is_exact_when_nothing_else_is_counted_meanwhile()
    {
        // For any refusal: waiting RetryAfter admits a request, one millisecond less does not.
        var random = new Random(20301);
        var checkedCases = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var limit = random.Next(1, 50);
            var window = TimeSpan.FromSeconds(random.Next(1, 600));
            var previous = random.Next(0, limit + 1);
            var current = random.Next(0, limit + 1);
            var at = TimeSpan.FromMilliseconds(random.NextInt64(0, (long)window.TotalMilliseconds));
            var d = SlidingWindow.Decide(limit, window, previous, current, at);
            if (d.Allowed) continue;
            checkedCases++;

            Assert.True(AllowedAfter(limit, window, previous, current, at, d.RetryAfter), $"not allowed after RetryAfter: {limit} {window} {previous} {current} {at} {d.RetryAfter}");
            Assert.False(AllowedAfter(limit, window, previous, current, at, d.RetryAfter - TimeSpan.FromMilliseconds(1)), $"allowed before RetryAfter: {limit} {window} {previous} {current} {at} {d.RetryAfter}");
        }
        Assert.True(checkedCases > 1000);
    }

    /// <summary>Whether a request fits <paramref name="wait"/> after <paramref name="at"/>, windows rolling over as they do.</summary>
    static bool AllowedAfter(int limit, TimeSpan window, long previous, long current, TimeSpan at, TimeSpan wait)
    {
        var t = at + wait;
        if (t < window) return SlidingWindow.Decide(limit, window, previous, current, t).Allowed;
        if (t < 2 * window) return SlidingWindow.Decide(limit, window, current, 0, t - window).Allowed;
        return SlidingWindow.Decide(limit, window, 0, 0, t - 2 * window).Allowed;
    }
}
