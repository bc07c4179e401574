using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;

namespace DaprShop.LocalSidecar.Tests.Invocation;

public sealed class InvocationConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<SampleApp> StartEchoAsync(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster, string appId = "echo", string? configurationName = null) =>
        SampleApp.StartAsync(cluster, appId, endpoints: web =>
        {
            web.Map("/echo/{**rest}", async (HttpContext ctx, string? rest) =>
            {
                using var reader = new StreamReader(ctx.Request.Body);
                var body = await reader.ReadToEndAsync();
                return Results.Json(new
                {
                    method = ctx.Request.Method,
                    path = ctx.Request.Path.Value,
                    query = ctx.Request.QueryString.Value,
                    authorization = ctx.Request.Headers.Authorization.ToString(),
                    traceparent = ctx.Request.Headers["traceparent"].ToString(),
                    caller = ctx.Request.Headers["dapr-caller-app-id"].ToString(),
                    custom = ctx.Request.Headers["x-custom"].ToString(),
                    body,
                });
            });
            web.MapGet("/status/{code:int}", (int code) => Results.Problem(statusCode: code, title: "as asked"));
            web.MapGet("/public/ping", () => "pong");
            web.MapGet("/private/ping", () => "secret pong");
        }, configurationName: configurationName);

    /// <summary>The SDK's recommended invocation client: an HttpClient whose requests go through the caller's sidecar.</summary>
    static HttpClient Invoker(SampleApp caller, string appId) => DaprClient.CreateInvokeHttpClient(appId, caller.Sidecar.HttpEndpoint);

    sealed record Echo(string Method, string Path, string? Query, string Authorization, string Traceparent, string Caller, string Custom, string Body);

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Every_verb_reaches_the_target_with_path_query_and_body(string verb)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = Invoker(caller, "echo");
        using var request = new HttpRequestMessage(new HttpMethod(verb), "/echo/a/b?x=1&y=two");
        if (verb != "GET") request.Content = JsonContent.Create(new { n = 42 });

        using var response = await http.SendAsync(request, Ct);
        var echo = await response.Content.ReadFromJsonAsync<Echo>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(verb, echo!.Method);
        Assert.Equal("/echo/a/b", echo.Path);
        Assert.Equal("?x=1&y=two", echo.Query);
        if (verb != "GET") Assert.Contains("42", echo.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_traceparent_and_custom_headers_reach_the_target_with_the_caller_id()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = Invoker(caller, "echo");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/h");
        request.Headers.Authorization = new("Bearer", "token-123");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.Add("x-custom", "kept");

        using var response = await http.SendAsync(request, Ct);
        var echo = await response.Content.ReadFromJsonAsync<Echo>(Ct);

        Assert.Equal("Bearer token-123", echo!.Authorization);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", echo.Traceparent);
        Assert.Equal("kept", echo.Custom);
        Assert.Equal("caller", echo.Caller);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(503)]
    public async Task The_targets_status_code_and_problem_body_come_back_unchanged(int status)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");

        using var http = Invoker(caller, "echo");
        using var response = await http.GetAsync($"/status/{status}", Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("as asked", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dapr_app_id_header_form_routes_like_the_invoke_url()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = new HttpClient { BaseAddress = new Uri(caller.Sidecar.HttpEndpoint) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo/by-header?q=1") { Content = new StringContent("hi") };
        request.Headers.Add("dapr-app-id", "echo");

        using var response = await http.SendAsync(request, Ct);
        var echo = await response.Content.ReadFromJsonAsync<Echo>(Ct);

        Assert.Equal("/echo/by-header", echo!.Path);
        Assert.Equal("?q=1", echo.Query);
        Assert.Equal("hi", echo.Body);
    }

    [Fact]
    public async Task An_unknown_app_id_gets_daprds_ERR_DIRECT_INVOKE()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var caller = await SampleApp.StartAsync(cluster, "caller");

        using var http = Invoker(caller, "nobody");

        using var response = await http.GetAsync("/anything", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_taken_down_is_unreachable_until_brought_back()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");

        using var http = Invoker(caller, "echo");

        callee.Sidecar.TakeAppDown();
        using var down = await http.GetAsync("/echo/x", Ct);
        callee.Sidecar.BringAppUp();
        var up = await http.GetFromJsonAsync<Echo>("/echo/x", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        Assert.Equal("/echo/x", up!.Path);
    }

    [Fact]
    public async Task A_stopped_app_process_gets_ERR_DIRECT_INVOKE()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        await callee.StopAsync();
        using var http = Invoker(caller, "echo");

        using var response = await http.GetAsync("/echo/x", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_invocation_failures_fail_the_next_calls_then_clear()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster);
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = Invoker(caller, "echo");
        cluster.Faults.FailNextInvocations(1, "echo");

        using var first = await http.GetAsync("/echo/1", Ct);
        var second = await http.GetFromJsonAsync<Echo>("/echo/2", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("/echo/2", second!.Path);
        Assert.Equal(["ERR_DIRECT_INVOKE", "ok"], cluster.Calls.Where(appId: "caller", api: "invoke")
            .Select(c => c.Outcome.StartsWith("ERR_DIRECT_INVOKE", StringComparison.Ordinal) ? "ERR_DIRECT_INVOKE" : c.Outcome));
    }

    [Fact]
    public async Task An_access_control_policy_admits_only_the_allowed_caller_and_operation()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var callee = await StartEchoAsync(cluster, "guarded-app", configurationName: "guarded");
        await using var trusted = await SampleApp.StartAsync(cluster, "trusted");
        await using var stranger = await SampleApp.StartAsync(cluster, "stranger");

        using var fromTrusted = Invoker(trusted, "guarded-app");
        using var fromStranger = Invoker(stranger, "guarded-app");

        var ok = await fromTrusted.GetStringAsync("/public/ping", Ct);
        using var wrongOp = await fromTrusted.GetAsync("/private/ping", Ct);
        using var wrongCaller = await fromStranger.GetAsync("/public/ping", Ct);
        using var wrongVerb = await fromTrusted.PostAsync("/public/ping", null, Ct);

        Assert.Equal("pong", ok);
        Assert.Equal(HttpStatusCode.Forbidden, wrongOp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongCaller.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongVerb.StatusCode);
    }
}
