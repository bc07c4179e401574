using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

public sealed class TenantIsolationTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    IdentityApi Api => identity.Api;

    [Fact]
    public async Task The_same_email_in_two_tenants_is_two_users()
    {
        var a = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var email = Emails.Unique();

        var inA = await Api.SignUpOkAsync(a.Id, email, "Password-of-a-1!");
        var inB = await Api.SignUpOkAsync(b.Id, email, "Password-of-b-2!");

        Assert.NotEqual(inA.Id, inB.Id);
        Assert.Equal(2, await identity.CountUsersAsync(email));
        Assert.Equal(inA.Id.ToString(), Jwt.Payload((await Api.LoginOkAsync(a.Id, email, "Password-of-a-1!")).AccessToken)["sub"]!.ToString());
        Assert.Equal(inB.Id.ToString(), Jwt.Payload((await Api.LoginOkAsync(b.Id, email, "Password-of-b-2!")).AccessToken)["sub"]!.ToString());
    }

    [Fact]
    public async Task An_admin_lists_only_the_users_of_their_own_tenant()
    {
        var a = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var inB = await Api.SignUpOkAsync(b.Id, Emails.Unique(), Password);

        var users = await IdentityApi.OkAsync<PageView<UserView>>(await Api.ListUsersAsync(await Api.AdminTokenAsync(a)));

        Assert.All(users.Items, u => Assert.Equal(a.Id, u.TenantId));
        Assert.DoesNotContain(users.Items, u => u.Id == inB.Id);
    }

    [Fact]
    public async Task An_admin_cannot_see_a_user_of_another_tenant()
    {
        var a = await Api.CreateTenantAsync(ATenant());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var inB = await Api.SignUpOkAsync(b.Id, Emails.Unique(), Password);

        using var response = await Api.GetUserAsync(await Api.AdminTokenAsync(a), inB.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_cannot_change_the_roles_of_a_user_of_another_tenant()
    {
        var a = await Api.CreateTenantAsync(ATenant());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var inB = await Api.SignUpOkAsync(b.Id, Emails.Unique(), Password);

        using var response = await Api.ChangeRolesAsync(await Api.AdminTokenAsync(a), inB.Id, "admin");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        var after = await IdentityApi.OkAsync<UserView>(await Api.GetUserAsync(await Api.AdminTokenAsync(b), inB.Id));
        Assert.Equal(["customer"], after.Roles);
    }

    [Fact]
    public async Task An_admin_cannot_lock_a_user_of_another_tenant()
    {
        var a = await Api.CreateTenantAsync(ATenant());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var inB = await Api.SignUpOkAsync(b.Id, Emails.Unique(), Password);

        using var response = await Api.LockUserAsync(await Api.AdminTokenAsync(a), inB.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        await Api.LoginOkAsync(b.Id, inB.Email, Password);
    }

    [Fact]
    public async Task An_admin_cannot_read_or_change_another_tenants_settings()
    {
        var a = await Api.CreateTenantAsync(ATenant());
        var b = await Api.CreateTenantAsync(ATenant().WithSelfSignUp(false));
        var adminOfA = await Api.AdminTokenAsync(a);

        using var read = await Api.GetTenantAsync(adminOfA, b.Id);
        using var change = await Api.UpdateTenantSettingsAsync(adminOfA, b.Id, new { selfSignUpEnabled = true });

        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(change, HttpStatusCode.NotFound);
        using var signUp = await Api.SignUpAsync(b.Id, Emails.Unique(), Password);
        Assert.Equal(HttpStatusCode.Forbidden, signUp.StatusCode);
    }

    [Fact]
    public async Task A_tenant_header_naming_another_tenant_than_the_token_is_forbidden()
    {
        var a = await Api.CreateTenantAsync(ATenant());
        var b = await Api.CreateTenantAsync(ATenant());

        using var response = await Api.ListUsersAsync(await Api.AdminTokenAsync(a), tenantHeader: b.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
