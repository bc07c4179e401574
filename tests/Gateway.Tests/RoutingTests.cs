using System.Net;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>/api/v1/&lt;service&gt;/{rest} reaches that service's /api/v1/{rest} through Dapr service invocation.</summary>
public sealed class RoutingTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_path_reaches_the_services_api_path_with_its_query()
    {
        var (_, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/products?q=red%20shoes&page=2", token, ct: Ct));

        Assert.Equal("catalog", echo.App);
        Assert.Equal("GET", echo.Method);
        Assert.Equal("/api/v1/products", echo.Path);
        Assert.Equal("?q=red%20shoes&page=2", echo.Query);
    }

    [Fact]
    public async Task Method_and_body_travel_to_the_service()
    {
        var (_, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.SendAsync(HttpMethod.Put, "/api/v1/catalog/products/42", token,
            new { name = "Red shoes", price = new { amount = 12.34m, currency = "EUR" } }, ct: Ct));

        Assert.Equal("PUT", echo.Method);
        Assert.Equal("/api/v1/products/42", echo.Path);
        Assert.Contains("\"name\":\"Red shoes\"", echo.Body, StringComparison.Ordinal);
        Assert.StartsWith("application/json", echo.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_service_gets_its_own_requests()
    {
        var (_, _, token) = cluster.NewUser();

        var toIdentity = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/identity/users/me", token, ct: Ct));
        var toCatalog = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/users/me", token, ct: Ct));

        Assert.Equal(("identity", "/api/v1/users/me"), (toIdentity.App, toIdentity.Path));
        Assert.Equal(("catalog", "/api/v1/users/me"), (toCatalog.App, toCatalog.Path));
    }

    [Fact]
    public async Task A_Location_from_the_service_comes_back_in_the_gateways_form()
    {
        var (_, _, token) = cluster.NewUser();

        var response = await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/catalog/things", token, new { name = "x" }, ct: Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/catalog/things/7", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_service_the_gateway_does_not_list_is_not_found()
    {
        var (_, _, token) = cluster.NewUser();

        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/api/v1/warehouse/bins", token, ct: Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Identity_discovery_and_keys_are_served_at_the_root_without_a_token()
    {
        var discovery = await cluster.Client.GetAsync("/.well-known/openid-configuration", ct: Ct);
        var jwks = await cluster.Client.GetAsync("/.well-known/jwks", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Contains("\"jwks_uri\"", await discovery.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Contains("\"keys\"", await jwks.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoded_slash_cannot_climb_out_of_the_service_onto_the_sidecar_api()
    {
        var (_, _, token) = cluster.NewUser();

        // (HttpClient itself resolves plain dot segments; an encoded slash reaches the gateway as it is.)
        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync(
            "/api/v1/catalog/..%2F..%2F..%2F..%2Fv1.0%2Fstate%2Fstatestore%2Fk", token, ct: Ct));

        Assert.Equal("catalog", echo.App);
        Assert.StartsWith("/api/v1/", echo.Path, StringComparison.Ordinal);
        Assert.Empty(cluster.Dapr.Cluster.StateStores["statestore"].Keys("gateway||k"));
    }
}
