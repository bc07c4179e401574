using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaprShop.Gateway.Tests;

/// <summary>The repository's resiliency YAML on the test's clock, and the gateway's shipped rate limits.</summary>
public sealed class YamlResilienceShippedLimitsGateway : GatewayCluster
{
    protected override bool SidecarsOnTheTestClock => true;

    protected override void Configure(ServiceHostOptions o) { }
}

/// <summary>
/// daprd counts a service's 4xx answers against the breaker of the path, so a client's own mistakes must not shut a route
/// for everyone: with the YAML's trip count above the gateway's per-client limits, one client's whole allowance of
/// failures, at one instant, is stopped by the rate limit (429) and the breaker stays closed for the next client.
/// </summary>
public sealed class ClientErrorsAndBreakerTests(YamlResilienceShippedLimitsGateway cluster) : IClassFixture<YamlResilienceShippedLimitsGateway>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RateLimitPolicy Limits => cluster.Gateway.Services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.Default;

    [Fact]
    public async Task One_address_sending_wrong_passwords_up_to_its_limit_does_not_shut_login_for_the_next_client()
    {
        var limit = Limits.Anonymous!.Limit;
        Assert.True(limit < RepositoryResiliency.TripCount("identity"), "the anonymous limit is below the breaker's trip count");

        for (var i = 0; i < limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login",
                body: new { email = "someone@shop.test", password = "wrong " + i }, ct: Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login",
            body: new { email = "someone@shop.test", password = "wrong again" }, ct: Ct), HttpStatusCode.TooManyRequests);

        using var http = cluster.HttpClientFrom(IPAddress.Parse("127.0.0.2"));
        var login = await new GatewayClient(http).SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login",
            body: new { email = "other@shop.test", password = TestIssuer.Password }, ct: Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(string.IsNullOrEmpty((await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task One_user_causing_4xx_answers_up_to_its_limit_does_not_shut_the_path_for_other_users()
    {
        var limit = Limits.User!.Limit;
        Assert.True(limit < RepositoryResiliency.TripCount("catalog"), "the user limit is below the breaker's trip count");
        var (tenant, _, token) = cluster.NewUser();

        for (var i = 0; i < limit; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await cluster.Client.GetAsync("/api/v1/catalog/missing", token, ct: Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/api/v1/catalog/missing", token, ct: Ct), HttpStatusCode.TooManyRequests);

        // The service's own 404 again, not the sidecar's open breaker (503): the path is still open to others.
        var (_, _, other) = cluster.NewUser(tenant);
        var answer = await cluster.Client.GetAsync("/api/v1/catalog/missing", other, ct: Ct);
        Assert.Equal((HttpStatusCode.NotFound, "No such thing"), (answer.StatusCode, (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString()));
    }
}
