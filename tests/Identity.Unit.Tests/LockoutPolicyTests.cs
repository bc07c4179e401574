using DaprShop.Identity.Domain;

namespace DaprShop.Identity.UnitTests;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lock_ends_exactly_at_its_end_time()
    {
        Assert.True(LockoutPolicy.IsLockedOut(true, Now.AddSeconds(1), Now));
        Assert.False(LockoutPolicy.IsLockedOut(true, Now, Now));
    }

    [Fact]
    public void Lockout_disabled_never_locks() => Assert.False(LockoutPolicy.IsLockedOut(false, Now.AddDays(1), Now));

    [Fact]
    public void Retry_after_rounds_up_to_whole_seconds_and_is_at_least_one()
    {
        Assert.Equal(300, LockoutPolicy.RetryAfterSeconds(Now.AddMinutes(5), Now));
        Assert.Equal(2, LockoutPolicy.RetryAfterSeconds(Now.AddMilliseconds(1500), Now));
        Assert.Equal(1, LockoutPolicy.RetryAfterSeconds(Now, Now));
    }

    [Fact]
    public void An_admin_lock_has_no_retry_after() =>
        Assert.Null(LockoutPolicy.RetryAfterSeconds(LockoutPolicy.Indefinitely, Now));
}
