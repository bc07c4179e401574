using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// The <c>token-pruning</c> cron binding, fired through the sidecar as its schedule would: tokens expired more than
/// 24 h ago and spent (revoked, redeemed) tokens older than 30 days go; everything else stays.
/// </summary>
public sealed class TokenPruningTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const string Access = "urn:ietf:params:oauth:token-type:access_token";
    const string Refresh = "urn:ietf:params:oauth:token-type:refresh_token";
    IdentityApi Api => identity.Api;

    async Task<(UserView User, TokenSet Tokens)> ALoggedInUserAsync(TestTenant tenant)
    {
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        return (user, await Api.LoginOkAsync(tenant.Id, user.Email, Password));
    }

    async Task FirePruningAsync()
    {
        var status = await identity.Host.Cluster.Bindings.FireAsync("token-pruning", IdentityService.AppId, TestContext.Current.CancellationToken);
        Assert.Equal((int)HttpStatusCode.OK, status);
    }

    void Advance(TimeSpan by) => identity.Host.Clock!.Advance(by);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-sidecars-token")]
    public async Task Only_the_sidecar_may_call_the_pruning_route(string? token)
    {
        var (user, _) = await ALoggedInUserAsync(await Api.CreateTenantAsync(ATenant().WithSelfSignUp()));
        Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(16));
        var request = new HttpRequestMessage(HttpMethod.Post, "/token-pruning");
        if (token is not null) request.Headers.Add("dapr-api-token", token);

        using var response = await Api.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(1, await identity.CountTokensAsync(user.Id, Access)); // nothing pruned
    }

    [Fact]
    public async Task Tokens_expired_more_than_a_day_ago_are_deleted_and_live_ones_kept()
    {
        var (user, _) = await ALoggedInUserAsync(await Api.CreateTenantAsync(ATenant().WithSelfSignUp()));

        Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(16)); // the 15-minute access token expired just over a day ago
        await FirePruningAsync();

        Assert.Equal(0, await identity.CountTokensAsync(user.Id, Access));
        Assert.Equal(1, await identity.CountTokensAsync(user.Id, Refresh)); // valid for 14 days
    }

    [Fact]
    public async Task Tokens_expired_less_than_a_day_ago_are_kept()
    {
        var (user, _) = await ALoggedInUserAsync(await Api.CreateTenantAsync(ATenant().WithSelfSignUp()));

        Advance(TimeSpan.FromHours(23));
        await FirePruningAsync();

        Assert.Equal(1, await identity.CountTokensAsync(user.Id, Access));
        Assert.Equal(1, await identity.CountTokensAsync(user.Id, Refresh));
    }

    [Fact]
    public async Task Revoked_tokens_older_than_30_days_are_deleted_and_valid_ones_of_the_same_age_kept()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithRefreshTokenDays(90));
        var (loggedOut, session) = await ALoggedInUserAsync(tenant);
        var (stillIn, _) = await ALoggedInUserAsync(tenant);
        using (await Api.LogoutAsync(session.RefreshToken!)) { }

        Advance(TimeSpan.FromDays(31));
        await FirePruningAsync();

        Assert.Equal(0, await identity.CountTokensAsync(loggedOut.Id, Refresh));
        Assert.Equal(1, await identity.CountTokensAsync(stillIn.Id, Refresh, "valid"));
    }

    [Fact]
    public async Task Revoked_tokens_younger_than_30_days_are_kept()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp().WithRefreshTokenDays(90));
        var (loggedOut, session) = await ALoggedInUserAsync(tenant);
        using (await Api.LogoutAsync(session.RefreshToken!)) { }

        Advance(TimeSpan.FromDays(29));
        await FirePruningAsync();

        Assert.Equal(1, await identity.CountTokensAsync(loggedOut.Id, Refresh, "revoked"));
    }
}
