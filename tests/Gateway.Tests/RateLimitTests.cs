using System.Globalization;
using System.Net;
using Dapr.Client;
using DaprShop.Gateway.RateLimiting;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Http;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Gateway.Tests;

/// <summary>The gateway's settings for these tests: small limits, and one tenant with its own.</summary>
public sealed class RateLimitedGateway : GatewayCluster
{
    public const int UserLimit = 5;
    public const int TenantLimit = 8;
    public const int AnonymousLimit = 4;
    public const int StrictTenantUserLimit = 2;
    public static readonly Guid StrictTenant = Guid.Parse("01930000-0000-7000-8000-00000000beef");

    protected override void Configure(ServiceHostOptions o) => o
        .Setting("Gateway:RateLimits:Default:User:Limit", $"{UserLimit}")
        .Setting("Gateway:RateLimits:Default:User:Window", "00:01:00")
        .Setting("Gateway:RateLimits:Default:Tenant:Limit", $"{TenantLimit}")
        .Setting("Gateway:RateLimits:Default:Tenant:Window", "00:01:00")
        .Setting("Gateway:RateLimits:Default:Anonymous:Limit", $"{AnonymousLimit}")
        .Setting("Gateway:RateLimits:Default:Anonymous:Window", "00:01:00")
        .Setting($"Gateway:RateLimits:Tenants:{StrictTenant}:User:Limit", $"{StrictTenantUserLimit}")
        .Setting($"Gateway:RateLimits:Tenants:{StrictTenant}:User:Window", "00:01:00");
}

/// <summary>
/// Per-user, per-tenant and per-address limits, counted in the Dapr state store: under a concurrent burst exactly
/// the limit gets through (also across two gateway replicas), the rest is 429 problem+json with Retry-After and
/// never reaches the service.
/// </summary>
public sealed class RateLimitTests(RateLimitedGateway cluster) : IClassFixture<RateLimitedGateway>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts every request at once, after all are ready, and returns their answers.</summary>
    static async Task<HttpResponseMessage[]> BurstAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            await go.Task;
            return await send(i);
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(requests);
    }

    [Fact]
    public async Task A_concurrent_burst_over_the_user_limit_lets_exactly_the_limit_through()
    {
        var (_, _, token) = cluster.NewUser();
        var path = "/api/v1/catalog/burst-" + Guid.NewGuid().ToString("N");

        var answers = await BurstAsync(20, _ => cluster.Client.GetAsync(path, token, ct: Ct));

        Assert.Equal(RateLimitedGateway.UserLimit, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(20 - RateLimitedGateway.UserLimit, refused.Count);
        foreach (var answer in refused)
        {
            await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.TooManyRequests, "https://daprshop.dev/problems/too-many-requests");
            Assert.True(int.Parse(answer.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("0", answer.Headers.GetValues("RateLimit-Remaining").Single());
        }
        Assert.Equal(RateLimitedGateway.UserLimit, cluster.Catalog.ReceivedCount(path[("/api/v1/catalog".Length)..].Insert(0, "/api/v1")));
    }

    [Fact]
    public async Task Two_gateway_replicas_share_one_count()
    {
        await using var replica = new GatewayReplica(cluster.Gateway);
        using var replicaClient = replica.NewClient();
        var clients = new[] { cluster.Client, new GatewayClient(replicaClient) };
        var (_, _, token) = cluster.NewUser();
        // One request through each first: both replicas now hold a count of their own for this user, one of them stale.
        Assert.Equal(HttpStatusCode.OK, (await clients[0].GetAsync("/api/v1/catalog/replicas", token, ct: Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clients[1].GetAsync("/api/v1/catalog/replicas", token, ct: Ct)).StatusCode);

        var answers = await BurstAsync(20, i => clients[i % 2].GetAsync("/api/v1/catalog/replicas", token, ct: Ct));

        Assert.Equal(RateLimitedGateway.UserLimit - 2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20 - (RateLimitedGateway.UserLimit - 2), answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_replica_whose_new_counter_another_replica_creates_first_counts_its_request_on_top()
    {
        var options = cluster.Gateway.Services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T12:00:10Z", CultureInfo.InvariantCulture));
        var target = new RateLimitTarget(RateLimitTarget.UserScope, Guid.CreateVersion7().ToString(), new RateLimitRule { Limit = 5, Window = TimeSpan.FromMinutes(1) });
        using var rivalDapr = new DaprClientBuilder().UseGrpcEndpoint(cluster.Gateway.Sidecar.GrpcEndpoint).Build();
        var rival = new StateStoreRateLimiter(rivalDapr, clock, options);
        // The other replica creates the counter after this one found it missing and before its own creation lands.
        using var interleave = new BeforeFirstSave(() => rival.AcquireAsync([target], Ct)) { InnerHandler = new SocketsHttpHandler() };
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(cluster.Gateway.Sidecar.GrpcEndpoint)
            .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = interleave }).Build();
        var limiter = new StateStoreRateLimiter(dapr, clock, options);

        var result = await limiter.AcquireAsync([target], Ct);

        // daprd's Redis store refuses the losing creation with Internal (not Aborted): still a conflict, not a failure.
        Assert.True(result.Allowed);
        var key = target.Key(SlidingWindow.Locate(clock.GetUtcNow(), target.Rule.Window).Index);
        Assert.Equal("2", await rivalDapr.GetStateAsync<string>(options.CurrentValue.StateStore, key, cancellationToken: Ct));
    }

    /// <summary>Runs an action once, just before the first state save passes through to the sidecar.</summary>
    sealed class BeforeFirstSave(Func<Task> action) : DelegatingHandler
    {
        int _done;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/SaveState", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
                await action();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_tenant_limit_counts_the_requests_of_all_its_users()
    {
        var tenant = Guid.CreateVersion7();
        var tokens = Enumerable.Range(0, 4).Select(_ => cluster.NewUser(tenant).Token).ToArray();

        // 4 users × 3 requests: every user is within its own limit of 5, the tenant's 8 is not.
        var answers = await BurstAsync(12, i => cluster.Client.GetAsync("/api/v1/catalog/tenant-wide", tokens[i % 4], ct: Ct));

        Assert.Equal(RateLimitedGateway.TenantLimit, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(12 - RateLimitedGateway.TenantLimit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Users_and_tenants_do_not_share_counters()
    {
        var (_, _, first) = cluster.NewUser();
        var (_, _, second) = cluster.NewUser();
        for (var i = 0; i < RateLimitedGateway.UserLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/mine", first, ct: Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cluster.Client.GetAsync("/api/v1/catalog/mine", first, ct: Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/mine", second, ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_with_its_own_limits_gets_them_and_others_keep_the_defaults()
    {
        var (_, _, strict) = cluster.NewUser(RateLimitedGateway.StrictTenant);
        var (_, _, ordinary) = cluster.NewUser();

        var strictAnswers = new List<HttpStatusCode>();
        var ordinaryAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            strictAnswers.Add((await cluster.Client.GetAsync("/api/v1/catalog/own-limits", strict, ct: Ct)).StatusCode);
            ordinaryAnswers.Add((await cluster.Client.GetAsync("/api/v1/catalog/own-limits", ordinary, ct: Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], strictAnswers);
        Assert.All(ordinaryAnswers, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Every_answer_of_a_limited_route_carries_the_RateLimit_headers()
    {
        var (_, _, token) = cluster.NewUser();

        var first = await cluster.Client.GetAsync("/api/v1/catalog/headers", token, ct: Ct);
        var second = await cluster.Client.GetAsync("/api/v1/catalog/headers", token, ct: Ct);

        Assert.Equal($"{RateLimitedGateway.UserLimit}", first.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal($"{RateLimitedGateway.UserLimit - 1}", first.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal($"{RateLimitedGateway.UserLimit - 2}", second.Headers.GetValues("RateLimit-Remaining").Single());
        var reset = int.Parse(first.Headers.GetValues("RateLimit-Reset").Single());
        Assert.InRange(reset, 1, 60);
    }

    [Fact]
    public async Task Retry_After_is_when_the_next_request_fits_and_the_window_slides_rather_than_resets()
    {
        var (_, _, token) = cluster.NewUser();
        for (var i = 0; i < RateLimitedGateway.UserLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/slide", token, ct: Ct)).StatusCode);
        var refused = await cluster.Client.GetAsync("/api/v1/catalog/slide", token, ct: Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());

        cluster.Clock.Advance(TimeSpan.FromSeconds(retryAfter - 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cluster.Client.GetAsync("/api/v1/catalog/slide", token, ct: Ct)).StatusCode);

        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/slide", token, ct: Ct)).StatusCode);
        // The previous window still weighs: one request fitted, not a whole new window's worth.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cluster.Client.GetAsync("/api/v1/catalog/slide", token, ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_are_limited_per_client_address()
    {
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));   // a fresh window for this address, whatever ran before

        var answers = await BurstAsync(10, _ => cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { }, ct: Ct));

        Assert.Equal(RateLimitedGateway.AnonymousLimit, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(10 - RateLimitedGateway.AnonymousLimit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task When_the_counters_cannot_be_written_the_request_is_served()
    {
        var (_, _, token) = cluster.NewUser();
        cluster.Dapr.Cluster.Faults.FailNextStateWrites(1, GatewayCluster.AppId);

        var response = await cluster.Client.GetAsync("/api/v1/catalog/store-down", token, ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("RateLimit-Remaining"));
    }
}
