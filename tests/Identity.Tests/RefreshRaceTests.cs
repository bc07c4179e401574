using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// One refresh token presented many times at the same moment (issue #7, defect 1): only one redemption may win,
/// and a second presentation is reuse, which ends the whole session, the winner's new tokens included.
/// </summary>
public sealed class RefreshRaceTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    const int Racers = 12;
    IdentityApi Api => identity.Api;

    async Task<(UserView User, TokenSet Tokens)> ASessionAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        var user = await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password);
        return (user, await Api.LoginOkAsync(tenant.Id, user.Email, Password));
    }

    async Task<HttpResponseMessage[]> RaceAsync(string refreshToken) =>
        await Concurrently.RunAsync(Racers, () => Api.RefreshAsync(refreshToken));

    [Fact]
    public async Task Concurrent_redemptions_of_one_refresh_token_let_exactly_one_through()
    {
        var (_, session) = await ASessionAsync();

        var answers = await RaceAsync(session.RefreshToken!);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
            Assert.Equal("invalid_grant", problem.Body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task A_raced_refresh_token_ends_the_session_with_the_winners_tokens()
    {
        var (user, session) = await ASessionAsync();

        var answers = await RaceAsync(session.RefreshToken!);

        var winner = await IdentityApi.OkAsync<TokenSet>(Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK));
        using (var refresh = await Api.RefreshAsync(winner.RefreshToken!))
            await ProblemAssert.IsProblemAsync(refresh, HttpStatusCode.Unauthorized);
        using (var validate = await Api.ValidateAsync(winner.AccessToken))
            Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
        Assert.All(await identity.AuthorizationStatusesAsync(user.Id), s => Assert.Equal("revoked", s));
        Assert.Equal(0, await identity.CountTokensAsync(user.Id, "urn:ietf:params:oauth:token-type:refresh_token", "valid"));
        Assert.Equal(0, await identity.CountTokensAsync(user.Id, "urn:ietf:params:oauth:token-type:access_token", "valid"));
    }

    [Fact]
    public async Task Reuse_of_a_spent_refresh_token_revokes_the_session_row_itself()
    {
        var (user, session) = await ASessionAsync();
        await Api.RefreshOkAsync(session.RefreshToken!);

        using var reuse = await Api.RefreshAsync(session.RefreshToken!);

        await ProblemAssert.IsProblemAsync(reuse, HttpStatusCode.Unauthorized);
        Assert.Equal(["revoked"], await identity.AuthorizationStatusesAsync(user.Id));
    }
}
