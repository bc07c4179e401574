using System.Net;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>
/// The gateway validates the access token on every route but sign-up, login, refresh, logout, discovery/JWKS and
/// health; a refused request never reaches a service. (Services validate the token again themselves.)
/// </summary>
public sealed class AuthenticationTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_without_a_token_is_401_and_reaches_no_service()
    {
        var before = cluster.Catalog.ReceivedCount("/api/v1/orders");

        var response = await cluster.Client.GetAsync("/api/v1/catalog/orders", ct: Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, cluster.Catalog.ReceivedCount("/api/v1/orders"));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var tenant = Guid.CreateVersion7();
        var token = cluster.Identity.Token(tenant, Guid.CreateVersion7(), lifetime: TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/ping", token, ct: Ct)).StatusCode);

        cluster.Clock.Advance(TimeSpan.FromMinutes(6));   // past expiry and the 30 s clock skew

        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/api/v1/catalog/ping", token, ct: Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_issuer_never_published_is_401()
    {
        var token = cluster.Identity.ForeignToken(Guid.CreateVersion7(), Guid.CreateVersion7());

        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/api/v1/catalog/ping", token, ct: Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_garbage_bearer_value_is_401()
    {
        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/api/v1/catalog/ping", "not.a.jwt\u0001", ct: Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_X_Tenant_ID_that_disagrees_with_the_token_is_403_and_reaches_no_service()
    {
        var (_, _, token) = cluster.NewUser();
        var other = Guid.CreateVersion7();
        var before = cluster.Catalog.ReceivedCount("/api/v1/carts/mine");

        var response = await cluster.Client.GetAsync("/api/v1/catalog/carts/mine", token, h => h.Add("X-Tenant-ID", other.ToString()), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "https://daprshop.dev/problems/tenant-mismatch");
        Assert.Equal(before, cluster.Catalog.ReceivedCount("/api/v1/carts/mine"));
    }

    [Fact]
    public async Task An_X_Tenant_ID_that_agrees_with_the_token_passes_and_is_forwarded()
    {
        var (tenant, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(
            await cluster.Client.GetAsync("/api/v1/catalog/carts/mine", token, h => h.Add("X-Tenant-ID", tenant.ToString()), Ct));

        Assert.Equal(tenant.ToString(), echo.Header("X-Tenant-ID"));
    }

    [Theory]
    [InlineData("/api/v1/identity/auth/signup", "/api/v1/auth/signup")]
    [InlineData("/api/v1/identity/auth/login", "/api/v1/auth/login")]
    [InlineData("/api/v1/identity/auth/refresh", "/api/v1/auth/refresh")]
    [InlineData("/api/v1/identity/auth/logout", "/api/v1/auth/logout")]
    public async Task Sign_up_login_refresh_and_logout_need_no_token(string gatewayPath, string identityPath)
    {
        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.SendAsync(HttpMethod.Post, gatewayPath, body: new { x = 1 }, ct: Ct));

        Assert.Equal(("identity", identityPath), (echo.App, echo.Path));
    }

    [Fact]
    public async Task Only_the_listed_identity_routes_are_anonymous()
    {
        await ProblemAssert.IsProblemAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/validate", ct: Ct),
            HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login/extra", ct: Ct),
            HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/catalog/auth/login", ct: Ct),
            HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_anonymous_route_still_forwards_the_callers_token_when_there_is_one()
    {
        var (_, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/logout", token, new { }, ct: Ct));

        Assert.Equal("Bearer " + token, echo.Header("Authorization"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_need_no_token(string path)
    {
        var response = await cluster.Client.GetAsync(path, ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
