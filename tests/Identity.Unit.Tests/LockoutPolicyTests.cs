using DaprShop.Identity.Domain;

namespace DaprShop.Identity.UnitTests;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantSettings Settings = new() { LockoutThreshold = 3, LockoutMinutes = 5 };

    [Fact]
    public void Failures_below_the_tenant_threshold_do_not_lock() =>
        Assert.Null(LockoutPolicy.LockUntilAfterFailure(2, Settings, Now));

    [Fact]
    public void The_failure_reaching_the_threshold_locks_for_the_tenant_duration() =>
        Assert.Equal(Now.AddMinutes(5), LockoutPolicy.LockUntilAfterFailure(3, Settings, Now));

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
