using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.Resiliency;

/// <summary>
/// Resiliency policies on service invocation, as daprd applies them on the caller's sidecar
/// (resources/conformance/resiliency-invocation.yaml): timeouts, retries, circuit breakers.
/// </summary>
public sealed class InvocationResiliencyConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed record DaprError(string ErrorCode, string Message);

    static HttpClient SidecarHttp(SampleApp caller) => new() { BaseAddress = new Uri(caller.Sidecar.HttpEndpoint) };

    static Task<HttpResponseMessage> InvokeAsync(HttpClient sidecar, string appId, string method, HttpContent? body = null) =>
        sidecar.SendAsync(new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, $"/v1.0/invoke/{appId}/method/{method}") { Content = body }, Ct);

    static async Task AssertDirectInvokeErrorAsync(HttpResponseMessage response, string appId, string error)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<DaprError>(Ct);
        Assert.Equal(new DaprError("ERR_DIRECT_INVOKE", $"failed to invoke, id: {appId}, err: {error}"), body);
    }

    static IReadOnlyList<string> BreakerChanges(LocalDaprCluster cluster, string caller) =>
        cluster.Calls.Where(appId: caller, api: "invoke", operation: "circuit-breaker").Select(c => $"{c.Target}: {c.Outcome}").ToList();

    // ---------------------------------------------------------------- timeouts

    [Fact]
    public async Task A_timeout_ends_a_call_the_app_is_too_slow_to_answer_with_context_deadline_exceeded()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "slow-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        var fast = await http.GetStringAsync("/v1.0/invoke/slow-app/method/answer/200", Ct);
        var slow = InvokeAsync(http, "slow-app", "hang");
        await Eventually.TrueAsync(() => target.CallsTo("/hang") == 1, "the slow call reached the app");
        Assert.False(slow.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        using var response = await slow;

        Assert.Equal("status 200", fast);
        await AssertDirectInvokeErrorAsync(response, "slow-app", "context deadline exceeded");
        await Eventually.TrueAsync(() => target.Aborted == 1, "the sidecar gave up the app's request");
    }

    [Fact]
    public async Task Each_attempt_has_its_own_timeout_and_a_timed_out_attempt_is_retried()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "slow-flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var response = await InvokeAsync(http, "slow-flaky-app", "hang-once");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("second time lucky", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, target.CallsTo("/hang-once"));
        Assert.Contains(cluster.Calls.Where(appId: "caller", api: "invoke", target: "slow-flaky-app/hang-once"),
            c => c.Outcome.EndsWith("context deadline exceeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_every_attempt_times_out_the_caller_gets_the_timeout_after_the_last_retry()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "slow-flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var response = await InvokeAsync(http, "slow-flaky-app", "hang");

        await AssertDirectInvokeErrorAsync(response, "slow-flaky-app", "context deadline exceeded");
        Assert.Equal(4, target.CallsTo("/hang"));
    }

    // ---------------------------------------------------------------- retries

    [Fact]
    public async Task Retries_recover_a_flaky_app_replaying_the_body_and_the_caller_sees_only_the_success()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        // The SDK's invocation client, as the services call each other.
        using var http = DaprClient.CreateInvokeHttpClient("flaky-app", caller.Sidecar.HttpEndpoint);

        using var response = await http.PostAsync("/flaky/2/503", new StringContent("the same body every time"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recovered", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, target.CallsTo("/flaky/2/503"));
        Assert.Equal(["the same body every time", "the same body every time", "the same body every time"], target.Bodies);
        Assert.Equal(["ok: status 503", "ok: status 503", "ok"], cluster.Calls.Where(appId: "caller", api: "invoke", operation: "POST").Select(c => c.Outcome));
        Assert.Equal(["retry 1 in 20 ms", "retry 2 in 20 ms"], cluster.Calls.Where(appId: "caller", api: "invoke", operation: "retry").Select(c => c.Outcome));
    }

    [Fact]
    public async Task When_retries_run_out_the_caller_gets_the_apps_last_answer_unchanged()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var response = await InvokeAsync(http, "flaky-app", "answer/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("failing with 500", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(4, target.CallsTo("/answer/500"));
    }

    [Fact]
    public async Task A_4xx_answer_is_a_failure_to_daprd_and_is_retried_too()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var response = await InvokeAsync(http, "flaky-app", "flaky/1/404");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, target.CallsTo("/flaky/1/404"));
    }

    [Fact]
    public async Task An_unreachable_app_is_retried_and_then_answered_with_ERR_DIRECT_INVOKE()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        cluster.Faults.FailNextInvocations(2, "flaky-app");

        using var recovered = await InvokeAsync(http, "flaky-app", "answer/200");
        cluster.Faults.FailNextInvocations(4, "flaky-app");
        using var gaveUp = await InvokeAsync(http, "flaky-app", "answer/200");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        await AssertDirectInvokeErrorAsync(gaveUp, "flaky-app", "injected fault");
        Assert.Equal(1, target.CallsTo("/answer/200"));
    }

    [Fact]
    public async Task Only_the_statuses_a_retry_policy_matches_are_retried()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "picky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var notMatched = await InvokeAsync(http, "picky-app", "answer/500");
        using var matched = await InvokeAsync(http, "picky-app", "answer/503");

        Assert.Equal((HttpStatusCode.InternalServerError, 1), (notMatched.StatusCode, target.CallsTo("/answer/500")));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, 4), (matched.StatusCode, target.CallsTo("/answer/503")));
    }

    [Fact]
    public async Task The_dapr_app_id_header_form_runs_the_same_policy()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "flaky-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/flaky/1/500");
        request.Headers.Add("dapr-app-id", "flaky-app");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal("recovered", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, target.CallsTo("/flaky/1/500"));
    }

    [Fact]
    public async Task A_resiliency_resource_scoped_to_one_caller_applies_to_that_callers_calls_only()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "scoped-target-app");
        await using var retrying = await SampleApp.StartAsync(cluster, "retrying-caller");
        await using var plain = await SampleApp.StartAsync(cluster, "plain-caller");
        using var fromRetrying = SidecarHttp(retrying);
        using var fromPlain = SidecarHttp(plain);

        using var retried = await InvokeAsync(fromRetrying, "scoped-target-app", "flaky/1/500");
        using var notRetried = await InvokeAsync(fromPlain, "scoped-target-app", "flaky/1/502");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, notRetried.StatusCode);
        Assert.Equal((2, 1), (target.CallsTo("/flaky/1/500"), target.CallsTo("/flaky/1/502")));
    }

    // ---------------------------------------------------------------- circuit breakers

    [Fact]
    public async Task A_breaker_opens_after_its_trip_count_and_then_answers_without_calling_the_app()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await InvokeAsync(http, "fragile-app", "switch");
            failures.Add(failed.StatusCode);
        }
        // Were the breaker still letting calls through, this one would reach the app and answer 200.
        target.Healthy = true;
        using var shortCircuited = await InvokeAsync(http, "fragile-app", "switch");

        Assert.All(failures, s => Assert.Equal(HttpStatusCode.InternalServerError, s));
        await AssertDirectInvokeErrorAsync(shortCircuited, "fragile-app", "circuit breaker is open");
        Assert.Equal(3, target.CallsTo("/switch"));
        Assert.Equal(["fragile-app:switch: closed -> open"], BreakerChanges(cluster, "caller"));
    }

    [Fact]
    public async Task An_open_breaker_answers_at_once_even_when_the_app_would_hang()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        for (var i = 0; i < 3; i++) (await InvokeAsync(http, "fragile-app", "answer/503")).Dispose();

        // The breaker is per method path (daprd keys it "app:method"); this path is open, the app is never asked.
        using var response = await InvokeAsync(http, "fragile-app", "answer/503");

        await AssertDirectInvokeErrorAsync(response, "fragile-app", "circuit breaker is open");
        Assert.Equal(3, target.CallsTo("/answer/503"));
    }

    [Fact]
    public async Task Breakers_are_per_method_so_another_path_of_the_same_app_still_works()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        for (var i = 0; i < 3; i++) (await InvokeAsync(http, "fragile-app", "answer/500")).Dispose();

        using var open = await InvokeAsync(http, "fragile-app", "answer/500");
        using var other = await InvokeAsync(http, "fragile-app", "answer/200");

        await AssertDirectInvokeErrorAsync(open, "fragile-app", "circuit breaker is open");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task After_its_timeout_an_open_breaker_half_opens_and_a_success_closes_it()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        for (var i = 0; i < 3; i++) (await InvokeAsync(http, "fragile-app", "switch")).Dispose();
        target.Healthy = true;

        clock.Advance(TimeSpan.FromSeconds(29));
        using var stillOpen = await InvokeAsync(http, "fragile-app", "switch");
        clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1));
        using var probe = await InvokeAsync(http, "fragile-app", "switch");
        using var afterwards = await InvokeAsync(http, "fragile-app", "switch");

        await AssertDirectInvokeErrorAsync(stillOpen, "fragile-app", "circuit breaker is open");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(5, target.CallsTo("/switch"));
        Assert.Equal(["fragile-app:switch: closed -> open", "fragile-app:switch: open -> half-open", "fragile-app:switch: half-open -> closed"],
            BreakerChanges(cluster, "caller"));
    }

    [Fact]
    public async Task A_failure_while_half_open_opens_the_breaker_again_for_another_timeout()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        for (var i = 0; i < 3; i++) (await InvokeAsync(http, "fragile-app", "switch")).Dispose();

        clock.Advance(TimeSpan.FromSeconds(31));
        using var failedProbe = await InvokeAsync(http, "fragile-app", "switch");
        target.Healthy = true;
        using var reopened = await InvokeAsync(http, "fragile-app", "switch");
        clock.Advance(TimeSpan.FromSeconds(31));
        using var secondProbe = await InvokeAsync(http, "fragile-app", "switch");

        Assert.Equal(HttpStatusCode.InternalServerError, failedProbe.StatusCode);
        await AssertDirectInvokeErrorAsync(reopened, "fragile-app", "circuit breaker is open");
        Assert.Equal(HttpStatusCode.OK, secondProbe.StatusCode);
        Assert.Equal(5, target.CallsTo("/switch"));
    }

    [Fact]
    public async Task While_half_open_calls_beyond_max_requests_get_too_many_requests()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "fragile-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        cluster.Faults.FailNextInvocations(3, "fragile-app");
        for (var i = 0; i < 3; i++) (await InvokeAsync(http, "fragile-app", "gate")).Dispose();
        clock.Advance(TimeSpan.FromSeconds(31));

        var probe = InvokeAsync(http, "fragile-app", "gate");
        await Eventually.TrueAsync(() => target.CallsTo("/gate") == 1, "the half-open probe reached the app");
        using var second = await InvokeAsync(http, "fragile-app", "gate");
        target.OpenGate();
        using var probeAnswer = await probe;
        using var afterClose = await InvokeAsync(http, "fragile-app", "gate");

        await AssertDirectInvokeErrorAsync(second, "fragile-app", "too many requests");
        Assert.Equal(HttpStatusCode.OK, probeAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterClose.StatusCode);
    }

    [Fact]
    public async Task An_opening_breaker_ends_the_retries_and_the_caller_gets_circuit_breaker_is_open()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await TargetApp.StartAsync(cluster, "fragile-retried-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);

        using var response = await InvokeAsync(http, "fragile-retried-app", "answer/500");

        await AssertDirectInvokeErrorAsync(response, "fragile-retried-app", "circuit breaker is open");
        Assert.Equal(3, target.CallsTo("/answer/500"));
    }

    [Fact]
    public async Task The_interval_clears_a_closed_breakers_counts_and_the_trip_expression_combines_them()
    {
        var clock = new FakeTimeProvider();
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        await using var target = await TargetApp.StartAsync(cluster, "windowed-app");
        await using var caller = await SampleApp.StartAsync(cluster, "caller");
        using var http = SidecarHttp(caller);
        async Task CallAsync(bool healthy)
        {
            target.Healthy = healthy;
            (await InvokeAsync(http, "windowed-app", "switch")).Dispose();
        }

        // trip: totalFailures >= 3 && requests >= 3, interval: 10s.
        await CallAsync(healthy: false);
        await CallAsync(healthy: true);
        await CallAsync(healthy: false);
        clock.Advance(TimeSpan.FromSeconds(11));
        await CallAsync(healthy: false); // four failures in all, but the interval cleared the first two
        await CallAsync(healthy: false);
        var closedAfterInterval = target.CallsTo("/switch");
        await CallAsync(healthy: false); // third failure of this interval: trips
        target.Healthy = true;
        using var open = await InvokeAsync(http, "windowed-app", "switch");

        Assert.Equal(5, closedAfterInterval);
        Assert.Equal(6, target.CallsTo("/switch"));
        await AssertDirectInvokeErrorAsync(open, "windowed-app", "circuit breaker is open");
    }
}
