using DaprShop.Testing.Http;
using System.Net;
using DaprShop.Identity.Tests.Support;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

public sealed class LoginTests(IdentityService identity) : IClassFixture<IdentityService>
{
    const string Password = "Correct-horse-9!";
    IdentityApi Api => identity.Api;

    async Task<(TestTenant Tenant, UserView User)> ACustomerAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        return (tenant, await Api.SignUpOkAsync(tenant.Id, Emails.Unique(), Password));
    }

    [Fact]
    public async Task Login_with_the_right_password_returns_tokens_carrying_user_tenant_and_roles()
    {
        var (tenant, user) = await ACustomerAsync();

        var tokens = await Api.LoginOkAsync(tenant.Id, user.Email, Password);

        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        var claims = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(user.Id.ToString(), claims["sub"]!.ToString());
        Assert.Equal(tenant.Id.ToString(), claims["tid"]!.ToString());
        Assert.Contains("customer", claims["role"]!.ToJsonString());
        Assert.Equal("RS256", Jwt.Header(tokens.AccessToken)["alg"]!.ToString());
    }

    [Fact]
    public async Task The_oauth_token_endpoint_accepts_the_password_grant_with_a_tenant()
    {
        var (tenant, user) = await ACustomerAsync();

        var tokens = await IdentityApi.OkAsync<TokenSet>(await Api.PasswordGrantAsync(tenant.Id, user.Email, Password));

        Assert.Equal(tenant.Id.ToString(), Jwt.Payload(tokens.AccessToken)["tid"]!.ToString());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_refused()
    {
        var (tenant, user) = await ACustomerAsync();

        using var response = await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_grant", problem.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_email_is_refused_exactly_like_a_wrong_password()
    {
        var (tenant, user) = await ACustomerAsync();

        using var wrongPassword = await Api.LoginAsync(tenant.Id, user.Email, "Wrong-horse-9!");
        using var unknownEmail = await Api.LoginAsync(tenant.Id, Emails.Unique(), "Wrong-horse-9!");

        var a = await ProblemAssert.IsProblemAsync(wrongPassword, HttpStatusCode.Unauthorized);
        var b = await ProblemAssert.IsProblemAsync(unknownEmail, HttpStatusCode.Unauthorized);
        // Only the per-request ids (traceId, correlationId) may differ.
        Assert.Equal((a.Type, a.Title, a.Detail, a.Body.GetProperty("error").GetString()), (b.Type, b.Title, b.Detail, b.Body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Credentials_of_one_tenant_do_not_log_in_to_another()
    {
        var (_, user) = await ACustomerAsync();
        var other = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());

        using var response = await Api.LoginAsync(other.Id, user.Email, Password);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
