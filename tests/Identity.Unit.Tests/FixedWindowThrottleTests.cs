using DaprShop.Identity.RateLimits;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Identity.UnitTests;

public sealed class FixedWindowThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FixedWindowThrottle _throttle;

    public FixedWindowThrottleTests() =>
        _throttle = new FixedWindowThrottle(Options.Create(new SignInRateLimitOptions { Window = TimeSpan.FromMinutes(1) }), _clock);

    private bool Try(out TimeSpan retryAfter, params (string, int)[] partitions) => _throttle.TryAcquire(partitions, out retryAfter);

    [Fact]
    public void A_partition_allows_its_limit_per_window_then_says_how_long_to_wait()
    {
        Assert.True(Try(out _, ("ip:a", 2)));
        Assert.True(Try(out _, ("ip:a", 2)));
        _clock.Advance(TimeSpan.FromSeconds(20));

        Assert.False(Try(out var retryAfter, ("ip:a", 2)));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
    }

    [Fact]
    public void A_new_window_starts_when_the_last_one_ends()
    {
        Assert.True(Try(out _, ("ip:a", 1)));
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(Try(out _, ("ip:a", 1)));
    }

    [Fact]
    public void Partitions_count_apart_and_the_first_one_out_of_permits_refuses()
    {
        Assert.True(Try(out _, ("ip:a", 10), ("account:x", 1)));

        Assert.False(Try(out _, ("ip:a", 10), ("account:x", 1)));
        Assert.True(Try(out _, ("ip:a", 10), ("account:y", 1)));
        Assert.True(Try(out _, ("ip:b", 10)));
    }
}
