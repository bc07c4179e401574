using System.Net;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>The repository's resiliency YAML as the sidecars apply it, on the test's clock.</summary>
public sealed class YamlResilienceGateway : GatewayCluster
{
    protected override bool SidecarsOnTheTestClock => true;

    protected override void Configure(ServiceHostOptions o) => Unlimited(o);
}

/// <summary>
/// The per-service timeout and circuit breaker of <c>components/common/resiliency.yaml</c> (<c>serviceCall: 5s</c>;
/// <c>serviceBreaker</c>: open after its trip count of consecutive failures, for 30 s, one trial call), applied by the
/// gateway's sidecar and answered by the gateway as 504 and 503 problems. The trip count is read from the YAML.
/// </summary>
public sealed class CircuitBreakerTests(YamlResilienceGateway cluster) : IClassFixture<YamlResilienceGateway>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly int TripCount = RepositoryResiliency.TripCount("catalog");

    [Fact]
    public async Task A_service_slower_than_its_yaml_timeout_is_504()
    {
        var (_, _, token) = cluster.NewUser();
        var arrivals = cluster.Catalog.SlowArrivals;

        var answer = cluster.Client.GetAsync("/api/v1/catalog/slow", token, ct: Ct);
        await Eventually.TrueAsync(() => cluster.Catalog.SlowArrivals > arrivals, "the request reached the service");
        cluster.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(answer.IsCompleted);
        cluster.Clock.Advance(TimeSpan.FromSeconds(1));

        await ProblemAssert.IsProblemAsync(await answer, HttpStatusCode.GatewayTimeout, "https://daprshop.dev/problems/service-timeout");
    }

    [Fact]
    public async Task The_breaker_opens_after_the_yamls_trip_count_and_closes_after_its_timeout()
    {
        var (_, _, token) = cluster.NewUser();
        var path = "/api/v1/catalog/flaky/" + Guid.NewGuid().ToString("N");   // daprd keeps one breaker per app and method path
        var arrivals = cluster.Catalog.FlakyArrivals;
        cluster.Catalog.Failing = true;
        try
        {
            // The trip count of consecutive failures, all at one instant: the service's own 500 each time, passed through.
            for (var i = 0; i < TripCount; i++)
                Assert.Equal(HttpStatusCode.InternalServerError, (await cluster.Client.GetAsync(path, token, ct: Ct)).StatusCode);

            // Open: refused at the sidecar, the service is spared.
            var open = await cluster.Client.GetAsync(path, token, ct: Ct);
            await ProblemAssert.IsProblemAsync(open, HttpStatusCode.ServiceUnavailable, "https://daprshop.dev/problems/service-unavailable");
            Assert.Equal("30", open.Headers.GetValues("Retry-After").Single());
            Assert.Equal(arrivals + TripCount, cluster.Catalog.FlakyArrivals);
        }
        finally
        {
            cluster.Catalog.Failing = false;
        }

        // Still open just before its 30 s are over, even though the service has recovered.
        cluster.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await cluster.Client.GetAsync(path, token, ct: Ct)).StatusCode);
        Assert.Equal(arrivals + TripCount, cluster.Catalog.FlakyArrivals);

        // Half-open once the 30 s are over: one trial call reaches the service, succeeds and closes the breaker.
        cluster.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync(path, token, ct: Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync(path, token, ct: Ct)).StatusCode);
        Assert.Equal(arrivals + TripCount + 2, cluster.Catalog.FlakyArrivals);
    }

    [Fact]
    public async Task An_open_breaker_holds_one_method_path_of_one_service()
    {
        var (_, _, token) = cluster.NewUser();
        var path = "/api/v1/catalog/flaky/" + Guid.NewGuid().ToString("N");
        cluster.Catalog.Failing = true;
        try
        {
            for (var i = 0; i < TripCount; i++) await cluster.Client.GetAsync(path, token, ct: Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await cluster.Client.GetAsync(path, token, ct: Ct)).StatusCode);

            var identity = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/identity/flaky-neighbour", token, ct: Ct));
            Assert.Equal("identity", identity.App);
            var otherPath = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct));
            Assert.Equal("catalog", otherPath.App);
        }
        finally
        {
            cluster.Catalog.Failing = false;
        }
    }
}
