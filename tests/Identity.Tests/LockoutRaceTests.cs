using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Wrong passwords fired in parallel (issue #7, defect 2): however many arrive at once, at most the tenant's
/// threshold of them are answered as a checked password (401); the rest, and the right password once the lock is
/// set, are answered 423.
/// </summary>
public sealed class LockoutRaceTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const string Wrong = "Wrong-horse-9!";
    const int Threshold = 5;
    IdentityApi Api => identity.Api;

    async Task<(TestTenant Tenant, UserView User)> ACustomerAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithLockout(Threshold, 5));
        return (tenant, await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password));
    }

    [Fact]
    public async Task Fifty_wrong_passwords_at_once_get_at_most_threshold_checked_answers()
    {
        var (tenant, user) = await ACustomerAsync();

        var answers = await Concurrently.RunAsync(50, () => Api.LoginAsync(tenant.Id, user.Email, Wrong));

        await IdentityApi.AllAmongAsync(answers, HttpStatusCode.Unauthorized, HttpStatusCode.Locked);
        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.Unauthorized) <= Threshold,
            $"{statuses.Count(s => s == HttpStatusCode.Unauthorized)} wrong passwords were answered 401");
        using var right = await Api.LoginAsync(tenant.Id, user.Email, Password);
        await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
    }

    [Fact]
    public async Task The_right_password_in_a_batch_of_wrong_ones_does_not_get_past_the_lock()
    {
        var (tenant, user) = await ACustomerAsync();
        for (var i = 0; i < Threshold - 1; i++)
            using (await Api.LoginAsync(tenant.Id, user.Email, Wrong)) { }

        // One failure short of the lock, 29 wrong passwords and the right one race.
        var answers = await Concurrently.RunAsync(30, i => Api.LoginAsync(tenant.Id, user.Email, i == 15 ? Password : Wrong));

        var wrong = answers.Where((_, i) => i != 15).Select(a => a.StatusCode).ToList();
        // The failure that reaches the threshold answers 423; a 200 in between resets the count, leaving at most
        // threshold - 1 checked failures after it.
        Assert.True(wrong.Count(s => s == HttpStatusCode.Unauthorized) <= Threshold - 1,
            $"{wrong.Count(s => s == HttpStatusCode.Unauthorized)} wrong passwords were answered 401");
        Assert.Contains(answers[15].StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Locked });
        using var after = await Api.LoginAsync(tenant.Id, user.Email, Password);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
    }
}
