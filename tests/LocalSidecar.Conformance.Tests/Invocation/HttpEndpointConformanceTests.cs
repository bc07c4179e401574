using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DaprShop.LocalSidecar.Tests.Invocation;

/// <summary>
/// <c>HTTPEndpoint</c> resources: an HTTP API outside the cluster invoked by name like an app, under the resiliency
/// target of that name (how shipping calls its carrier). The API here is a plain web app with no sidecar.
/// </summary>
public sealed class HttpEndpointConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record DaprError(string ErrorCode, string Message);

    /// <summary>
    /// An outside API: <c>/echo</c> answers what it got; <c>/answer/{code}</c> that status; <c>/flaky</c> 503 to its first
    /// two calls, then 200.
    /// </summary>
    sealed class OutsideApi : IAsyncDisposable
    {
        public required WebApplication Web { get; init; }
        public required Uri Url { get; init; }
        public ConcurrentQueue<string> Seen { get; } = new();
        int _flaky;

        public ValueTask DisposeAsync() => Web.DisposeAsync();

        public static async Task<OutsideApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            OutsideApi? api = null;
            web.Use(async (ctx, next) =>
            {
                api!.Seen.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
                await next(ctx);
            });
            web.MapPost("/v2/echo", async (HttpRequest r) =>
            {
                using var reader = new StreamReader(r.Body);
                return Results.Json(new
                {
                    body = await reader.ReadToEndAsync(),
                    query = r.QueryString.Value,
                    apiKey = r.Headers["X-Api-Key"].ToString(),
                    apiToken = r.Headers["dapr-api-token"].ToString(),
                    custom = r.Headers["X-Custom"].ToString(),
                });
            });
            web.MapGet("/v2/answer/{code:int}", (int code) => Results.Problem(statusCode: code, title: $"answering {code}"));
            web.MapGet("/v2/flaky", () => Interlocked.Increment(ref api!._flaky) <= 2 ? Results.StatusCode(503) : Results.Text("recovered"));
            await web.StartAsync();
            var url = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            api = new OutsideApi { Web = web, Url = url };
            return api;
        }
    }

    /// <summary>A cluster whose app <c>shop</c> may invoke the outside API as <c>outside-api</c>; disposes all three.</summary>
    sealed class Setup(LocalDaprCluster cluster, HttpClient caller, TempResources resources) : IAsyncDisposable
    {
        public LocalDaprCluster Cluster => cluster;
        public HttpClient Caller => caller;

        public async ValueTask DisposeAsync()
        {
            caller.Dispose();
            await cluster.DisposeAsync();
            resources.Dispose();
        }
    }

    static async Task<Setup> StartAsync(Uri api)
    {
        var resources = TempResources.With("outside.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: HTTPEndpoint
            metadata:
              name: outside-api
            spec:
              baseUrl: {api.ToString().TrimEnd('/')}/v2
              headers:
                - name: X-Api-Key
                  value: key-from-the-resource
            scopes:
              - shop
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: outside
            spec:
              policies:
                retries:
                  twice:
                    policy: constant
                    duration: 10ms
                    maxRetries: 2
                    matching:
                      httpStatusCodes: "503"
                circuitBreakers:
                  threeStrikes:
                    maxRequests: 1
                    timeout: 30s
                    trip: consecutiveFailures >= 3
              targets:
                apps:
                  outside-api:
                    retry: twice
                    circuitBreaker: threeStrikes
            """);
        var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(resources.Path));
        var shop = await cluster.AddSidecarAsync("shop");
        return new Setup(cluster, new HttpClient { BaseAddress = new Uri(shop.HttpEndpoint) }, resources);
    }

    [Fact]
    public async Task A_call_goes_to_the_base_url_and_method_path_with_its_query_body_and_the_resources_headers()
    {
        await using var api = await OutsideApi.StartAsync();
        await using var setup = await StartAsync(api.Url);
        var (cluster, caller) = (setup.Cluster, setup.Caller);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1.0/invoke/outside-api/method/echo?items=3")
        {
            Content = new StringContent("""{"parcel":1}"""),
        };
        request.Headers.Add("X-Custom", "from the app");
        request.Headers.Add("X-Api-Key", "the app's own, overridden");

        using var response = await caller.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(Ct);
        Assert.Equal("""{"parcel":1}""", echo!["body"]);
        Assert.Equal("?items=3", echo["query"]);
        Assert.Equal("key-from-the-resource", echo["apiKey"]);
        Assert.Equal("from the app", echo["custom"]);
        Assert.Equal("", echo["apiToken"]);
        Assert.Equal(["/v2/echo?items=3"], api.Seen);
    }

    [Fact]
    public async Task An_answer_the_policy_does_not_retry_comes_back_unchanged_after_one_call()
    {
        await using var api = await OutsideApi.StartAsync();
        await using var setup = await StartAsync(api.Url);
        var (cluster, caller) = (setup.Cluster, setup.Caller);

        using var response = await caller.GetAsync("/v1.0/invoke/outside-api/method/answer/409", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("answering 409", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Single(api.Seen);
    }

    [Fact]
    public async Task The_retry_policy_of_the_endpoints_name_recovers_a_flaky_api()
    {
        await using var api = await OutsideApi.StartAsync();
        await using var setup = await StartAsync(api.Url);
        var (cluster, caller) = (setup.Cluster, setup.Caller);

        using var response = await caller.GetAsync("/v1.0/invoke/outside-api/method/flaky", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recovered", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, api.Seen.Count);
    }

    [Fact]
    public async Task One_breaker_guards_the_whole_endpoint_and_once_open_no_call_reaches_the_api()
    {
        await using var api = await OutsideApi.StartAsync();
        await using var setup = await StartAsync(api.Url);
        var (cluster, caller) = (setup.Cluster, setup.Caller);

        // Three failures on three different paths: daprd keys an endpoint's breaker by name and base URL, not by method.
        foreach (var code in new[] { 500, 502, 504 })
            (await caller.GetAsync($"/v1.0/invoke/outside-api/method/answer/{code}", Ct)).Dispose();
        using var refused = await caller.GetAsync("/v1.0/invoke/outside-api/method/flaky", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(new DaprError("ERR_DIRECT_INVOKE", "failed to invoke, id: outside-api, err: circuit breaker is open"),
            await refused.Content.ReadFromJsonAsync<DaprError>(Ct));
        Assert.Equal(3, api.Seen.Count);
        Assert.Contains(cluster.Calls.Where(appId: "shop", api: "invoke", operation: "circuit-breaker"),
            c => c.Target == $"outside-api:{api.Url.ToString().TrimEnd('/')}/v2" && c.Outcome == "closed -> open");

        cluster.ResetInvocationBreakers();
        using var afterReset = await caller.GetAsync("/v1.0/invoke/outside-api/method/flaky", Ct);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Fact]
    public async Task An_api_that_cannot_be_reached_is_a_direct_invoke_error()
    {
        await using var api = await OutsideApi.StartAsync();
        var url = api.Url;
        await api.DisposeAsync();
        await using var setup = await StartAsync(url);
        var caller = setup.Caller;

        using var response = await caller.GetAsync("/v1.0/invoke/outside-api/method/echo", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<DaprError>(Ct);
        Assert.Equal("ERR_DIRECT_INVOKE", error!.ErrorCode);
        Assert.StartsWith("failed to invoke, id: outside-api, err: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_scoped_to_other_apps_is_unknown_to_this_one()
    {
        await using var api = await OutsideApi.StartAsync();
        await using var setup = await StartAsync(api.Url);
        var (cluster, caller) = (setup.Cluster, setup.Caller);
        var other = await cluster.AddSidecarAsync("other");
        using var otherHttp = new HttpClient { BaseAddress = new Uri(other.HttpEndpoint) };

        using var response = await otherHttp.GetAsync("/v1.0/invoke/outside-api/method/flaky", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("failed to resolve address for 'outside-api-dapr.", (await response.Content.ReadFromJsonAsync<DaprError>(Ct))!.Message, StringComparison.Ordinal);
        Assert.Empty(api.Seen);
    }
}
