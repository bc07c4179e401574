using System.Net;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Http;

namespace DaprShop.Scenario.Tests;

/// <summary>Its own shop: these tests stop a service, which the other scenarios must not see.</summary>
public sealed class StoppableShop : Shop;

/// <summary>
/// A service that stops, through the gateway: 503 at once rather than a hang, then the circuit breaker of the
/// repository's resiliency YAML (components/common/resiliency.yaml: trips after its trip count of consecutive failures,
/// read from the YAML, open 30 s, one trial call) opens, and closes again once the service is back and the open period
/// has passed on the cluster's clock.
/// </summary>
public sealed class ResilienceThroughGatewayTests(StoppableShop shop) : IClassFixture<StoppableShop>
{
    static readonly int TripAfter = RepositoryResiliency.TripCount("users");
    static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stopped_service_is_503_the_breaker_opens_per_the_yaml_and_closes_after_the_service_returns()
    {
        var client = shop.Client;
        var tenant = await client.NewTenantAsync();
        var path = "/api/v1/users/profiles?pageSize=1";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, tenant.Admin.Token)).StatusCode);

        // The failures come from the platform admin, whose tenant is exempt from the shop's low per-user limit: the trip
        // count is above any one client's limit by design (a real outage is many clients' calls).
        var platform = await client.LoginAsync(shop.PlatformTenant, Shop.PlatformAdminEmail, shop.PlatformAdminPassword);
        await shop.Users.StopAsync();
        for (var i = 0; i < TripAfter; i++)
            await ProblemAssert.IsProblemAsync(await client.GetAsync(path, platform), HttpStatusCode.ServiceUnavailable);
        var callsBefore = shop.Dapr.Cluster.Calls.Where(appId: "gateway", api: "invoke").Count;

        await shop.Users.RestartAsync();
        var open = await client.GetAsync(path, tenant.Admin.Token);
        await ProblemAssert.IsProblemAsync(open, HttpStatusCode.ServiceUnavailable);
        Assert.True(open.Headers.RetryAfter?.Delta > TimeSpan.Zero, "the open breaker says when to come back");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(path, tenant.Admin.Token)).StatusCode);

        shop.ClusterClock.Advance(OpenFor + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, tenant.Admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, tenant.Admin.Token)).StatusCode);
        Assert.True(shop.Dapr.Cluster.Calls.Where(appId: "gateway", api: "invoke").Count > callsBefore);
    }
}
