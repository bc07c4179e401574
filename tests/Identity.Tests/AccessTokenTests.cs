using System.Net;
using DaprShop.Identity.Tests.Support;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Access tokens at identity's two kinds of authenticated endpoint: <c>/api/v1/auth/validate</c> (OpenIddict's local
/// validation) and the admin API (JWT bearer from the service defaults, keys fetched through Dapr invocation).
/// </summary>
public sealed class AccessTokenTests(IdentityService identity) : IClassFixture<IdentityService>
{
    public const string Validate = "/api/v1/auth/validate";
    public const string AdminApi = "/api/v1/users";
    IdentityApi Api => identity.Api;

    async Task<string> AnAdminTokenAsync() => await Api.AdminTokenAsync(await Api.CreateTenantAsync(ATenant()));

    Task<HttpResponseMessage> CallAsync(string endpoint, string token) => Api.SendAsync(HttpMethod.Get, endpoint, token);

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task A_fresh_token_is_accepted(string endpoint)
    {
        using var response = await CallAsync(endpoint, await AnAdminTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task An_expired_token_is_refused(string endpoint)
    {
        var token = await AnAdminTokenAsync();

        identity.Host.Clock!.Advance(TimeSpan.FromMinutes(16)); // default lifetime 15 min, plus more than any clock skew

        using var response = await CallAsync(endpoint, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task A_token_signed_by_another_key_is_refused(string endpoint)
    {
        var forged = Jwt.ResignedWithForeignKey(await AnAdminTokenAsync());

        using var response = await CallAsync(endpoint, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task A_token_with_alg_none_is_refused(string endpoint)
    {
        var unsigned = Jwt.WithAlgNone(await AnAdminTokenAsync());

        using var response = await CallAsync(endpoint, unsigned);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task A_token_for_another_audience_is_refused_even_when_signed_with_the_real_key(string endpoint)
    {
        var token = await AnAdminTokenAsync();
        var otherAudience = Jwt.ResignedWith(token, identity.SigningKeyPem, claims => claims["aud"] = "someone-else");

        using var response = await CallAsync(endpoint, otherAudience);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, InlineData(Validate), InlineData(AdminApi)]
    public async Task A_token_whose_claims_were_edited_is_refused(string endpoint)
    {
        var token = await AnAdminTokenAsync();
        var parts = token.Split('.');
        var payload = Jwt.Payload(token);
        payload["tid"] = Guid.NewGuid().ToString();
        var edited = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        using var response = await CallAsync(endpoint, edited);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
