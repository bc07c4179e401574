using System.Net;
using System.Text;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>Bad input is answered 400 application/problem+json, never 500, and writes nothing.</summary>
public sealed class MalformedRequestTests(IdentityService identity) : IClassFixture<IdentityService>
{
    IdentityApi Api => identity.Api;

    [Theory]
    [InlineData("not-an-email", "Correct-horse-9!", "email")]
    [InlineData("", "Correct-horse-9!", "email")]
    [InlineData("someone@example.test", "short", "password")]
    [InlineData("someone@example.test", "", "password")]
    public async Task An_invalid_sign_up_names_the_field_and_creates_no_user(string email, string password, string field)
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());

        using var response = await Api.SignUpAsync(tenant.Id, email, password);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(0, await identity.CountUsersAsync(email));
    }

    [Theory]
    [InlineData("/api/v1/auth/signup", "{ not json")]
    [InlineData("/api/v1/auth/signup", "[1, 2, 3]")]
    [InlineData("/api/v1/auth/signup", "{\"tenantId\": \"not-a-guid\", \"email\": \"a@b.test\", \"password\": \"Correct-horse-9!\"}")]
    [InlineData("/api/v1/auth/login", "{ not json")]
    [InlineData("/api/v1/auth/login", "{}")]
    [InlineData("/api/v1/auth/refresh", "{\"refreshToken\": \"\"}")]
    [InlineData("/api/v1/auth/logout", "null")]
    public async Task A_malformed_body_is_a_400_problem(string path, string body)
    {
        using var response = await Api.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_malformed_sign_up_body_writes_no_user()
    {
        var before = await identity.CountUsersAsync("a@b.test");

        using var response = await Api.Http.PostAsync("/api/v1/auth/signup",
            new StringContent("{\"tenantId\": 42, \"email\": \"a@b.test\", \"password\": \"Correct-horse-9!\"}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await identity.CountUsersAsync("a@b.test"));
    }

    [Theory]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": \"ok-name\", \"settings\": {\"lockoutThreshold\": 0}}", "settings.lockoutThreshold")]
    [InlineData("{\"name\": \"ok-name\", \"settings\": {\"accessTokenMinutes\": 100000}}", "settings.accessTokenMinutes")]
    public async Task An_invalid_tenant_names_the_field_and_creates_no_tenant(string body, string field)
    {
        var token = await Api.PlatformAdminTokenAsync();
        var before = await identity.CountTenantsAsync();

        using var response = await Api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants")
        {
            Headers = { Authorization = new("Bearer", token) },
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await identity.CountTenantsAsync());
    }
}
