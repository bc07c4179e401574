using System.Net;
using DaprShop.Gateway.Tests.Support;

namespace DaprShop.Gateway.Tests;

/// <summary>What the service sees of the caller: token, correlation id, trace context — and no sidecar headers.</summary>
public sealed class ForwardedHeadersTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_callers_token_reaches_the_service_unchanged()
    {
        var (_, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct));

        Assert.Equal("Bearer " + token, echo.Header("Authorization"));
    }

    [Fact]
    public async Task A_given_correlation_id_is_forwarded_and_echoed()
    {
        var (_, _, token) = cluster.NewUser();

        var response = await cluster.Client.GetAsync("/api/v1/catalog/products", token, h => h.Add("X-Correlation-ID", "order-flow-42"), Ct);

        Assert.Equal("order-flow-42", response.Headers.GetValues("X-Correlation-ID").Single());
        Assert.Equal("order-flow-42", (await GatewayClient.EchoOfAsync(response)).Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task Without_a_correlation_id_the_gateway_makes_one_and_the_service_gets_the_same()
    {
        var (_, _, token) = cluster.NewUser();

        var response = await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct);

        var made = response.Headers.GetValues("X-Correlation-ID").Single();
        Assert.False(string.IsNullOrWhiteSpace(made));
        Assert.Equal(made, (await GatewayClient.EchoOfAsync(response)).Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task A_malformed_correlation_id_is_replaced_not_forwarded()
    {
        var (_, _, token) = cluster.NewUser();

        var response = await cluster.Client.GetAsync("/api/v1/catalog/products", token,
            h => h.TryAddWithoutValidation("X-Correlation-ID", "bad id; drop table"), Ct);

        var echo = await GatewayClient.EchoOfAsync(response);
        Assert.NotEqual("bad id; drop table", echo.Header("X-Correlation-ID"));
        Assert.Equal(response.Headers.GetValues("X-Correlation-ID").Single(), echo.Header("X-Correlation-ID"));
    }

    [Fact]
    public async Task The_trace_continues_into_the_service()
    {
        var (_, _, token) = cluster.NewUser();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        // In this process HttpClient would start a trace of its own (the gateway listens to it): send the header as an outside client does.
        using var outside = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = cluster.Gateway.BaseAddress,
        };
        var echo = await GatewayClient.EchoOfAsync(await new GatewayClient(outside).GetAsync("/api/v1/catalog/products", token,
            h => h.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"), Ct));

        var traceparent = echo.Header("traceparent");
        Assert.NotNull(traceparent);
        Assert.Equal(traceId, traceparent.Split('-')[1]);
    }

    [Fact]
    public async Task A_client_cannot_redirect_the_invocation_or_present_sidecar_headers()
    {
        var (_, _, token) = cluster.NewUser();

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, h =>
        {
            h.Add("dapr-app-id", "identity");
            h.Add("dapr-api-token", "guessed");
            h.Add("dapr-caller-app-id", "ordering");
        }, Ct));

        Assert.Equal("catalog", echo.App);
        // What the service sees as dapr-api-token is its own sidecar's app token, never what the client sent.
        Assert.Equal(cluster.Catalog.Sidecar.Options.AppApiToken, echo.Header("dapr-api-token"));
        Assert.Equal("gateway", echo.Header("dapr-caller-app-id"));
    }

    [Fact]
    public async Task The_services_status_and_problem_pass_through_untouched()
    {
        var (_, _, token) = cluster.NewUser();

        var failed = await cluster.Client.GetAsync("/api/v1/catalog/fail", token, ct: Ct);
        var missing = await cluster.Client.GetAsync("/api/v1/catalog/missing", token, ct: Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("The service's own failure", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No such thing", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
