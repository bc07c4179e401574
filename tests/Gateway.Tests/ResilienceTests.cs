using System.Net;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>The gateway's settings for these tests: a short safety-net timeout, no rate limits in the way.</summary>
public sealed class ResilienceGateway : GatewayCluster
{
    protected override void Configure(ServiceHostOptions o) => Unlimited(o)
        .Setting("Gateway:ProxyTimeout", "00:00:01")
        .Setting("Gateway:UnavailableRetryAfterSeconds", "7");
}

/// <summary>A service that is down or slow gives a clean 503/504 problem from the gateway, never a hang or a 500.</summary>
public sealed class ResilienceTests(ResilienceGateway cluster) : IClassFixture<ResilienceGateway>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task AssertUnavailableAsync(HttpResponseMessage response, string service)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "https://daprshop.dev/problems/service-unavailable");
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(service, problem.Body.GetProperty("service").GetString());
    }

    [Fact]
    public async Task A_stopped_service_is_503_with_Retry_After_and_back_once_it_restarts()
    {
        var (_, _, token) = cluster.NewUser();
        await cluster.Catalog.App.StopAsync();
        try
        {
            await AssertUnavailableAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct), "catalog");
        }
        finally
        {
            await cluster.Catalog.App.RestartAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct)).StatusCode);
    }

    [Fact]
    public async Task A_service_its_sidecar_cannot_reach_is_503()
    {
        var (_, _, token) = cluster.NewUser();
        cluster.Catalog.Sidecar.TakeAppDown();
        try
        {
            await AssertUnavailableAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct), "catalog");
        }
        finally
        {
            cluster.Catalog.Sidecar.BringAppUp();
        }
    }

    [Fact]
    public async Task A_failed_invocation_is_503()
    {
        var (_, _, token) = cluster.NewUser();
        cluster.Dapr.Cluster.Faults.FailNextInvocations(1, "catalog");

        await AssertUnavailableAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct), "catalog");
    }

    [Fact]
    public async Task A_listed_service_that_is_not_deployed_is_503()
    {
        var (_, _, token) = cluster.NewUser();

        await AssertUnavailableAsync(await cluster.Client.GetAsync("/api/v1/users/me", token, ct: Ct), "users");
    }

    [Fact]
    public async Task A_service_that_never_answers_is_504_after_the_gateways_own_timeout()
    {
        var (_, _, token) = cluster.NewUser();

        var response = await cluster.Client.GetAsync("/api/v1/catalog/slow", token, ct: Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout, "https://daprshop.dev/problems/service-timeout");
        Assert.True(response.Headers.Contains("X-Correlation-ID"));
    }
}

/// <summary>
/// What the gateway sends to its sidecar and how it reads daprd's own error answers, against a stand-in that
/// records the request and answers as daprd does.
/// </summary>
public sealed class SidecarProtocolTests : IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    readonly GatewayCluster _cluster = new();
    SidecarStandIn _sidecar = null!;
    ServiceHost<Program> _gateway = null!;
    GatewayClient Client => new(_gateway.Client);

    public async ValueTask InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _sidecar = await SidecarStandIn.StartAsync();
        // Anonymous routes only: this gateway's JWKS look-up would also go to the stand-in.
        _gateway = await ServiceHost.StartAsync<Program>(_cluster.Dapr, "gateway-b", o => GatewayCluster.Unlimited(o)
            .Setting("DAPR_HTTP_ENDPOINT", _sidecar.Endpoint)
            .Setting("DAPR_API_TOKEN", "sidecar-secret")
            .Setting("Gateway:UnavailableRetryAfterSeconds", "9")
            .Setting("Gateway:CircuitOpenRetryAfterSeconds", "31"));
    }

    [Fact]
    public async Task The_gateway_calls_the_sidecars_invoke_API_with_its_API_token_and_none_of_the_clients_dapr_headers()
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login?x=1", body: new { }, headers: h =>
        {
            h.Add("dapr-api-token", "client-guess");
            h.Add("dapr-app-id", "catalog");
        }, ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_sidecar.Requests);
        Assert.Equal(("POST", "/v1.0/invoke/identity/method/api/v1/auth/login", "?x=1"), (sent.Method, sent.Path, sent.Query));
        Assert.Equal("sidecar-secret", sent.Headers["dapr-api-token"]);
        Assert.False(sent.Headers.ContainsKey("dapr-app-id"));
    }

    [Theory]
    [InlineData("context deadline exceeded", HttpStatusCode.GatewayTimeout)]
    [InlineData("rpc error: code = DeadlineExceeded desc = context deadline exceeded", HttpStatusCode.GatewayTimeout)]
    [InlineData("circuit breaker is open", HttpStatusCode.ServiceUnavailable)]
    [InlineData("too many requests", HttpStatusCode.ServiceUnavailable)]
    [InlineData("dial tcp 10.0.0.7:8082: connect: connection refused", HttpStatusCode.ServiceUnavailable)]
    public async Task Daprds_invocation_errors_become_problems(string err, HttpStatusCode expected)
    {
        _sidecar.AnswerDirectInvokeError("identity", err);

        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { }, ct: Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, expected);
        Assert.DoesNotContain(err, problem.Body.GetRawText(), StringComparison.Ordinal);   // internals stay in the log
        if (expected == HttpStatusCode.ServiceUnavailable)
            Assert.Equal(err.Contains("breaker", StringComparison.Ordinal) || err == "too many requests" ? "31" : "9", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task A_refusal_by_the_sidecar_itself_is_502_not_the_clients_fault()
    {
        _sidecar.Answer(403, """{"errorCode":"ERR_PERMISSION_DENIED","message":"access control policy has denied access to id: gateway"}""");

        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { }, ct: Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, "https://daprshop.dev/problems/bad-gateway");
    }

    [Fact]
    public async Task A_services_own_json_error_is_not_mistaken_for_the_sidecars()
    {
        _sidecar.Answer(409, """{"error":"conflict","detail":"the services own shape"}""");

        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { }, ct: Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("the services own shape", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_sidecar_is_503()
    {
        await _sidecar.DisposeAsync();

        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { }, ct: Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "https://daprshop.dev/problems/service-unavailable");
        Assert.Equal("identity", problem.Body.GetProperty("service").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _sidecar.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
