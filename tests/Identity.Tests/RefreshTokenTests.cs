using DaprShop.Testing.Http;
using System.Net;
using DaprShop.Identity.Tests.Support;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

public sealed class RefreshTokenTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    IdentityApi Api => identity.Api;

    async Task<TokenSet> ASessionAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        return await Api.LoginOkAsync(tenant.Id, user.Email, Password);
    }

    [Fact]
    public async Task Refreshing_issues_a_new_refresh_token_and_new_access_token()
    {
        var first = await ASessionAsync();

        var second = await Api.RefreshOkAsync(first.RefreshToken!);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        await Api.RefreshOkAsync(second.RefreshToken!);
    }

    [Fact]
    public async Task A_refreshed_session_keeps_its_user_and_tenant()
    {
        var first = await ASessionAsync();

        var second = await Api.RefreshOkAsync(first.RefreshToken!);

        Assert.Equal(Jwt.Payload(first.AccessToken)["sub"]!.ToString(), Jwt.Payload(second.AccessToken)["sub"]!.ToString());
        Assert.Equal(Jwt.Payload(first.AccessToken)["tid"]!.ToString(), Jwt.Payload(second.AccessToken)["tid"]!.ToString());
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_is_refused()
    {
        var first = await ASessionAsync();
        await Api.RefreshOkAsync(first.RefreshToken!);

        using var reuse = await Api.RefreshAsync(first.RefreshToken!);

        var problem = await ProblemAssert.IsProblemAsync(reuse, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_grant", problem.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Reuse_of_a_rotated_refresh_token_revokes_the_family()
    {
        var first = await ASessionAsync();
        var second = await Api.RefreshOkAsync(first.RefreshToken!);

        using var reuse = await Api.RefreshAsync(first.RefreshToken!);

        using var latest = await Api.RefreshAsync(second.RefreshToken!);
        Assert.Equal(HttpStatusCode.Unauthorized, latest.StatusCode);
        using var access = await Api.ValidateAsync(second.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
    }

    [Fact]
    public async Task Reuse_in_one_session_leaves_the_users_other_sessions_alone()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        var laptop = await Api.LoginOkAsync(tenant.Id, user.Email, Password);
        var phone = await Api.LoginOkAsync(tenant.Id, user.Email, Password);
        await Api.RefreshOkAsync(laptop.RefreshToken!);

        using var _ = await Api.RefreshAsync(laptop.RefreshToken!);

        await Api.RefreshOkAsync(phone.RefreshToken!);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var session = await ASessionAsync();

        using var logout = await Api.LogoutAsync(session.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        using var refresh = await Api.RefreshAsync(session.RefreshToken!);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        using var validate = await Api.ValidateAsync(session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_every_token_of_a_refreshed_session()
    {
        var first = await ASessionAsync();
        var second = await Api.RefreshOkAsync(first.RefreshToken!);

        using var _ = await Api.LogoutAsync(second.RefreshToken!);

        using var validate = await Api.ValidateAsync(first.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
    }
}
