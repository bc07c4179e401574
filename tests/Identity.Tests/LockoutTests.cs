using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>Lockout after repeated failures; time moves only when the test moves the fake clock.</summary>
public sealed class LockoutTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const int Threshold = 3;
    const int LockoutMinutes = 5;
    IdentityApi Api => identity.Api;

    async Task<(TestTenant Tenant, UserView User)> ACustomerAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithLockout(Threshold, LockoutMinutes));
        return (tenant, await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password));
    }

    async Task<HttpResponseMessage> FailLoginsAsync(TestTenant tenant, UserView user, int times)
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < times; i++)
        {
            last?.Dispose();
            last = await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!");
        }
        return last;
    }

    [Fact]
    public async Task Failures_below_the_tenant_threshold_do_not_lock()
    {
        var (tenant, user) = await ACustomerAsync();

        using var _ = await FailLoginsAsync(tenant, user, Threshold - 1);

        await Api.LoginOkAsync(tenant.Id, user.Email, Password);
    }

    [Fact]
    public async Task Reaching_the_threshold_locks_the_account_with_a_problem_and_retry_after()
    {
        var (tenant, user) = await ACustomerAsync();

        using var locked = await FailLoginsAsync(tenant, user, Threshold);

        await ProblemAssert.IsProblemAsync(locked, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
        Assert.Equal(TimeSpan.FromMinutes(LockoutMinutes), locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_locked_account_refuses_even_the_right_password()
    {
        var (tenant, user) = await ACustomerAsync();
        using var _ = await FailLoginsAsync(tenant, user, Threshold);

        using var response = await Api.LoginAsync(tenant.Id, user.Email, Password);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
    }

    [Fact]
    public async Task Retry_after_counts_down_with_the_clock()
    {
        var (tenant, user) = await ACustomerAsync();
        using var _ = await FailLoginsAsync(tenant, user, Threshold);

        identity.Host.Clock!.Advance(TimeSpan.FromMinutes(2));
        using var response = await Api.LoginAsync(tenant.Id, user.Email, Password);

        Assert.Equal(HttpStatusCode.Locked, response.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(LockoutMinutes - 2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_lockout_ends_when_its_duration_has_passed()
    {
        var (tenant, user) = await ACustomerAsync();
        using var _ = await FailLoginsAsync(tenant, user, Threshold);

        identity.Host.Clock!.Advance(TimeSpan.FromMinutes(LockoutMinutes) + TimeSpan.FromSeconds(1));

        await Api.LoginOkAsync(tenant.Id, user.Email, Password);
    }
}
