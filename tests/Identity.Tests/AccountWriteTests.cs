using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Writes on one's own account with a token that should no longer carry that power (issue #7, defects 4 and 5):
/// the account is locked, or its security stamp has moved on, or the caller is guessing the current password.
/// </summary>
public sealed class AccountWriteTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const string NewPassword = "Brand-new-horse-7!";
    const int Threshold = 3;
    IdentityApi Api => identity.Api;

    async Task<(TestTenant Tenant, UserView User, TokenSet Session)> ASignedInCustomerAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithLockout(Threshold, 5));
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        return (tenant, user, await Api.LoginOkAsync(tenant.Id, user.Email, Password));
    }

    [Fact]
    public async Task A_user_locked_by_an_admin_cannot_change_the_password_with_an_earlier_token()
    {
        var (tenant, user, session) = await ASignedInCustomerAsync();
        var admin = await Api.AdminTokenAsync(tenant);
        using (var locked = await Api.LockUserAsync(admin, user.Id)) Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var hash = await identity.PasswordHashAsync(user.Id);

        using var change = await Api.ChangePasswordAsync(session.AccessToken, Password, NewPassword);

        await ProblemAssert.IsProblemAsync(change, HttpStatusCode.Unauthorized);
        Assert.Equal(hash, await identity.PasswordHashAsync(user.Id));
    }

    [Fact]
    public async Task A_user_locked_by_failed_sign_ins_cannot_change_the_password_with_an_earlier_token()
    {
        var (tenant, user, session) = await ASignedInCustomerAsync();
        for (var i = 0; i < Threshold; i++)
            using (await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!")) { }
        var hash = await identity.PasswordHashAsync(user.Id);

        using var change = await Api.ChangePasswordAsync(session.AccessToken, Password, NewPassword);

        await ProblemAssert.IsProblemAsync(change, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
        Assert.Equal(hash, await identity.PasswordHashAsync(user.Id));
    }

    [Fact]
    public async Task A_token_from_before_a_password_change_cannot_change_it_again()
    {
        var (tenant, user, laptop) = await ASignedInCustomerAsync();
        var phone = await Api.LoginOkAsync(tenant.Id, user.Email, Password);
        using (var changed = await Api.ChangePasswordAsync(laptop.AccessToken, Password, NewPassword))
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var hash = await identity.PasswordHashAsync(user.Id);

        using var again = await Api.ChangePasswordAsync(phone.AccessToken, NewPassword, "Third-horse-5!");

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Unauthorized);
        Assert.Equal(hash, await identity.PasswordHashAsync(user.Id));
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_lockout()
    {
        var (tenant, user, session) = await ASignedInCustomerAsync();

        for (var i = 0; i < Threshold - 1; i++)
            using (var wrong = await Api.ChangePasswordAsync(session.AccessToken, "Guess-horse-" + i, NewPassword))
                await ProblemAssert.IsValidationProblemAsync(wrong, "currentPassword");
        using var last = await Api.ChangePasswordAsync(session.AccessToken, "Guess-horse-last", NewPassword);

        await ProblemAssert.IsProblemAsync(last, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
        using var login = await Api.LoginAsync(tenant.Id, user.Email, Password);
        await ProblemAssert.IsProblemAsync(login, HttpStatusCode.Locked, "https://daprshop.dev/problems/account-locked");
    }

    [Fact]
    public async Task Parallel_guesses_of_the_current_password_get_at_most_threshold_checked_answers()
    {
        var (_, _, session) = await ASignedInCustomerAsync();

        var answers = await Concurrently.RunAsync(20, i => Api.ChangePasswordAsync(session.AccessToken, "Guess-horse-" + i, NewPassword));

        await IdentityApi.AllAmongAsync(answers, HttpStatusCode.BadRequest, HttpStatusCode.Locked);
        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.BadRequest) <= Threshold - 1,
            $"{statuses.Count(s => s == HttpStatusCode.BadRequest)} guesses were answered as checked");
    }
}
