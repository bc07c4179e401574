using System.Net;
using System.Text.Json;
using Dapr.Workflow;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using DaprShop.LocalSidecar.Tests.Workflow;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>
/// The workflow HTTP API (<c>/v1.0/workflows/dapr/…</c>) over the same engine the SDK's worker runs against:
/// start, get, raise event, pause, resume, terminate, purge, with daprd's answers and errors.
/// </summary>
public sealed class WorkflowHttpApiTests
{
    static Task<SampleApp> StartAppAsync(LocalDaprCluster cluster) =>
        SampleApp.StartAsync(cluster, "ordering", b => b.Services.AddDaprWorkflow(o =>
        {
            o.RegisterWorkflow<GreetThenWaitWorkflow>();
            o.RegisterWorkflow<WaitForGoWorkflow>();
            o.RegisterActivity<string, string>("Greet", (_, name) => Task.FromResult($"Hello, {name}"));
        }));

    static async Task<JsonElement> UntilStatusAsync(HttpClient http, string id, string status)
    {
        JsonElement state = default;
        await Eventually.TrueAsync(async () =>
        {
            state = await JsonAsync(await http.GetAsync($"/v1.0/workflows/dapr/{id}", Ct));
            return state.GetProperty("runtimeStatus").GetString() == status;
        }, $"{id} is {status}", TimeSpan.FromSeconds(20));
        return state;
    }

    [Fact]
    public async Task Start_get_raise_event_and_purge_a_workflow()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await StartAppAsync(cluster);
        using var http = For(app.Sidecar);

        using var started = await http.SendAsync("POST", "/v1.0/workflows/dapr/GreetThenWaitWorkflow/start?instanceID=order-7", """{"name":"web","timerMs":10}""");
        var running = await UntilStatusAsync(http, "order-7", "RUNNING");
        await Eventually.TrueAsync(() => cluster.Workflows.For("ordering").HistoryOf("order-7").Any(e => e.TimerFired is not null), "the timer fired");
        using var raised = await http.SendAsync("POST", "/v1.0/workflows/dapr/order-7/raiseEvent/approval", "\"OK\"");
        var done = await UntilStatusAsync(http, "order-7", "COMPLETED");
        using var purged = await http.PostAsync("/v1.0/workflows/dapr/order-7/purge", null, Ct);
        var gone = await ErrorAsync(await http.GetAsync("/v1.0/workflows/dapr/order-7", Ct));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("""{"instanceID":"order-7"}""", (await JsonAsync(started)).GetRawText());
        Assert.Equal(("order-7", "GreetThenWaitWorkflow"), (running.GetProperty("instanceID").GetString(), running.GetProperty("workflowName").GetString()));
        Assert.Equal("""{"name":"web","timerMs":10}""", running.GetProperty("properties").GetProperty("dapr.workflow.input").GetString());
        Assert.True(running.TryGetProperty("createdAt", out _));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal("\"Hello, web|OK\"", done.GetProperty("properties").GetProperty("dapr.workflow.output").GetString());
        Assert.Equal(HttpStatusCode.Accepted, purged.StatusCode);
        Assert.Equal(new DaprError(HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND", "unable to find workflow with the provided instance ID: order-7", null), gone);
    }

    [Fact]
    public async Task Pause_resume_and_terminate_change_the_runtime_status()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await StartAppAsync(cluster);
        using var http = For(app.Sidecar);
        (await http.SendAsync("POST", "/v1.0/workflows/dapr/WaitForGoWorkflow/start?instanceID=w-1")).EnsureSuccessStatusCode();
        await UntilStatusAsync(http, "w-1", "RUNNING");

        using var paused = await http.PostAsync("/v1.0/workflows/dapr/w-1/pause", null, Ct);
        await UntilStatusAsync(http, "w-1", "SUSPENDED");
        using var resumed = await http.PostAsync("/v1.0-beta1/workflows/dapr/w-1/resume", null, Ct);
        await UntilStatusAsync(http, "w-1", "RUNNING");
        using var terminated = await http.PostAsync("/v1.0-alpha1/workflows/dapr/w-1/terminate", null, Ct);
        var final = await UntilStatusAsync(http, "w-1", "TERMINATED");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (paused.StatusCode, resumed.StatusCode, terminated.StatusCode));
        Assert.Equal("{}", await paused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("w-1", final.GetProperty("instanceID").GetString());
    }

    [Fact]
    public async Task Without_an_instance_id_start_makes_one()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await StartAppAsync(cluster);
        using var http = For(app.Sidecar);

        var started = await JsonAsync(await http.SendAsync("POST", "/v1.0/workflows/dapr/WaitForGoWorkflow/start"));
        var id = started.GetProperty("instanceID").GetString()!;

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("RUNNING", (await UntilStatusAsync(http, id, "RUNNING")).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Errors_are_daprds_for_bad_ids_unknown_instances_and_a_duplicate_start()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await StartAppAsync(cluster);
        using var http = For(app.Sidecar);
        (await http.SendAsync("POST", "/v1.0/workflows/dapr/WaitForGoWorkflow/start?instanceID=dup")).EnsureSuccessStatusCode();

        var invalid = await ErrorAsync(await http.SendAsync("POST", "/v1.0/workflows/dapr/WaitForGoWorkflow/start?instanceID=a.b"));
        var tooLong = await ErrorAsync(await http.SendAsync("POST", $"/v1.0/workflows/dapr/WaitForGoWorkflow/start?instanceID={new string('x', 65)}"));
        var duplicate = await ErrorAsync(await http.SendAsync("POST", "/v1.0/workflows/dapr/WaitForGoWorkflow/start?instanceID=dup"));
        var terminateUnknown = await ErrorAsync(await http.PostAsync("/v1.0/workflows/dapr/nosuch/terminate", null, Ct));
        var purgeUnknown = await ErrorAsync(await http.PostAsync("/v1.0/workflows/dapr/nosuch/purge", null, Ct));
        var raiseUnknown = await ErrorAsync(await http.PostAsync("/v1.0/workflows/dapr/nosuch/raiseEvent/go", null, Ct));
        var purgeRunning = await ErrorAsync(await http.PostAsync("/v1.0/workflows/dapr/dup/purge", null, Ct));

        Assert.Equal((HttpStatusCode.BadRequest, "ERR_INSTANCE_ID_INVALID"), (invalid.Status, invalid.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_INSTANCE_ID_TOO_LONG"), (tooLong.Status, tooLong.ErrorCode));
        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_START_WORKFLOW"), (duplicate.Status, duplicate.ErrorCode));
        Assert.StartsWith("error starting workflow 'WaitForGoWorkflow': unable to start workflow: ", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND"), (terminateUnknown.Status, terminateUnknown.ErrorCode));
        Assert.Equal((HttpStatusCode.NotFound, "ERR_INSTANCE_ID_NOT_FOUND"), (purgeUnknown.Status, purgeUnknown.ErrorCode));
        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_RAISE_EVENT_WORKFLOW"), (raiseUnknown.Status, raiseUnknown.ErrorCode));
        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_PURGE_WORKFLOW"), (purgeRunning.Status, purgeRunning.ErrorCode));
    }
}
