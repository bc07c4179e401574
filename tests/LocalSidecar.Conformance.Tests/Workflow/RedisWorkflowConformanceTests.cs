using System.Globalization;
using System.Text;
using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.Tests.Workflow;

/// <summary>
/// The workflow conformance tests with workflow state in a Redis actor store, plus daprd's key layout for it and
/// restarts of the whole cluster (sidecars and app) on the same database: instances resume, completed activities
/// never run again, an activity in flight runs again, timers fire on the new cluster's clock, events still arrive.
/// </summary>
public sealed class RedisWorkflowConformanceTests() : WorkflowConformanceTests(onRedis: true)
{
    static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    const string Actor = "ordering||dapr.internal.default.ordering.workflow||";

    static string Key(string instanceId, string row) => $"{Actor}{instanceId}||{row}";

    async Task<byte[]> DataOf(string key) => (byte[])(await Redis!.Raw.HashGetAsync(key, "data"))!;

    async Task<List<string>> KeysOf(string instanceId)
    {
        var server = Redis!.Raw.Multiplexer.GetServers()[0];
        var keys = new List<string>();
        await foreach (var k in server.KeysAsync(Redis.Raw.Database, $"{Actor}{instanceId}||*")) keys.Add(k.ToString());
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    [Fact]
    public async Task Workflow_state_is_kept_in_daprds_workflow_actor_rows_and_purge_deletes_them()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<TwoStepWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(TwoStepWorkflow), "layout-1", "event");
        await UntilCustomStatusAsync(app, id, "waiting");

        var historyLength = cluster.Workflows.For("ordering").HistoryOf(id).Count;
        Assert.Equal((0UL, (ulong)historyLength, 1UL), WorkflowMetadata(await DataOf(Key(id, "metadata"))));
        Assert.NotNull(HistoryEvent.Parser.ParseFrom(await DataOf(Key(id, "history-000000"))).WorkflowStarted);
        Assert.Equal(nameof(TwoStepWorkflow), HistoryEvent.Parser.ParseFrom(await DataOf(Key(id, "history-000001"))).ExecutionStarted.Name);
        Assert.Equal("\"waiting\"", StringValue.Parser.ParseFrom(await DataOf(Key(id, "customStatus"))).Value);
        // Each row is a state.redis hash, as daprd's actor state: the bytes in "data", the ETag in "version".
        Assert.True((long)await Redis!.Raw.HashGetAsync(Key(id, "metadata"), "version") >= 1);

        await Client(app).RaiseEventAsync(id, "go", "now", Ct);
        await CompletionOf(app, id);
        var done = cluster.Workflows.For("ordering").HistoryOf(id);
        Assert.Equal((0UL, (ulong)done.Count, 1UL), WorkflowMetadata(await DataOf(Key(id, "metadata"))));
        Assert.Equal(OrchestrationStatus.Completed,
            HistoryEvent.Parser.ParseFrom(await DataOf(Key(id, $"history-{done.Count - 1:D6}"))).ExecutionCompleted.WorkflowStatus);
        Assert.DoesNotContain(await KeysOf(id), k => k.Contains("||inbox-", StringComparison.Ordinal));

        Assert.True(await Client(app).PurgeInstanceAsync(id, Ct));
        Assert.Empty(await KeysOf(id));
    }

    [Fact]
    public async Task An_event_raised_while_no_worker_runs_waits_in_the_stored_inbox()
    {
        await using var cluster = await StartClusterAsync();
        await using (var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForGoWorkflow>()))
        {
            await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "inbox-1");
            await Eventually.TrueAsync(() => cluster.Workflows.For("ordering").HistoryOf("inbox-1").Count > 0, "the first turn committed");
        }
        using var http = new HttpClient();
        using var body = new StringContent("\"kept\"", Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri($"{cluster["ordering"].HttpEndpoint}/v1.0/workflows/dapr/inbox-1/raiseEvent/go"), body, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(1UL, WorkflowMetadata(await DataOf(Key("inbox-1", "metadata"))).Inbox);
        Assert.Equal("go", HistoryEvent.Parser.ParseFrom(await DataOf(Key("inbox-1", "inbox-000000"))).EventRaised.Name);
    }

    [Fact]
    public async Task A_workflow_stopped_with_the_whole_cluster_completes_on_a_new_one_running_each_completed_activity_once()
    {
        var probe = new WorkflowProbe();
        const string id = "restart-1";
        await using (var first = await StartClusterAsync(o => o.Time = new FakeTimeProvider(Start)))
        await using (var app = await StartAppAsync(first, probe, o => o.RegisterWorkflow<StepsTimerEventWorkflow>()))
        {
            await Client(app).ScheduleNewWorkflowAsync(nameof(StepsTimerEventWorkflow), id, 60);
            await Eventually.TrueAsync(() => first.Workflows.For("ordering").HistoryOf(id).Any(e => e.TimerCreated is not null), "the timer was created");
        }
        Assert.Equal(1, probe.Runs("StepOne"));

        var clock = new FakeTimeProvider(Start.AddMinutes(10));
        await using var second = await StartClusterAsync(o => o.Time = clock);
        await using var again = await StartAppAsync(second, probe, o => o.RegisterWorkflow<StepsTimerEventWorkflow>());

        var resumed = await Client(again).GetWorkflowStateAsync(id, cancellation: Ct);
        Assert.Equal(WorkflowRuntimeStatus.Running, resumed.RuntimeStatus);
        Assert.Equal("on the timer", resumed.ReadCustomStatusAs<string>());
        await Eventually.NeverAsync(() => second.Workflows.For("ordering").HistoryOf(id).Any(e => e.TimerFired is not null),
            TimeSpan.FromMilliseconds(300), "the timer fired before its time on the new cluster's clock");
        clock.Advance(TimeSpan.FromMinutes(50));
        await UntilCustomStatusAsync(again, id, "waiting");
        await Client(again).RaiseEventAsync(id, "go", "after restart", Ct);
        var done = await CompletionOf(again, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("one+two+after restart", done.ReadOutputAs<string>());
        Assert.Equal(1, probe.Runs("StepOne"));
        Assert.Equal(1, probe.Runs("StepTwo"));
        Assert.Contains(second.Calls.Where("ordering", "workflow", "restore", id), c => c.Succeeded);
        Assert.Empty(second.Calls.Where("ordering", "workflow", "redispatch"));
    }

    [Fact]
    public async Task A_restart_with_an_activity_in_flight_runs_only_that_activity_again()
    {
        var probe = new WorkflowProbe();
        void Register(WorkflowRuntimeOptions o)
        {
            o.RegisterWorkflow<SlowStepWorkflow>();
            // The first run never finishes (the cluster goes away under it); the run after the restart returns at once.
            o.RegisterActivity<string, string>("Slow", async (_, _) =>
            {
                if (probe.Ran("Slow") == 1) await probe.Gate.Task;
                return "slow";
            });
        }
        try
        {
            var first = await StartClusterAsync();
            var app = await StartAppAsync(first, probe, Register);
            await Client(app).ScheduleNewWorkflowAsync(nameof(SlowStepWorkflow), "inflight-restart", "x");
            await Eventually.TrueAsync(() => probe.Runs("Slow") == 1, "the slow step started");
            // The sidecars go first, with the activity still running in the app; then the app.
            await first.DisposeAsync();
            await app.DisposeAsync();

            await using var second = await StartClusterAsync();
            await using var again = await StartAppAsync(second, probe, Register);
            var done = await CompletionOf(again, "inflight-restart");

            Assert.Equal("one+slow", done.ReadOutputAs<string>());
            Assert.Equal(1, probe.Runs("StepOne"));
            Assert.Equal(2, probe.Runs("Slow"));
            Assert.Single(second.Calls.Where("ordering", "workflow", "redispatch", "inflight-restart#1:Slow"));
        }
        finally
        {
            probe.Gate.TrySetResult(); // lets the abandoned first run end
        }
    }

    [Fact]
    public async Task Stored_instances_answer_get_list_raise_terminate_and_purge_on_a_new_cluster()
    {
        await using (var first = await StartClusterAsync())
        await using (var app = await StartAppAsync(first, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<WaitForGoWorkflow>();
            o.RegisterWorkflow<WaitForeverWorkflow>();
        }))
        {
            await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "finished");
            await Client(app).RaiseEventAsync("finished", "go", "first cluster", Ct);
            await CompletionOf(app, "finished");
            await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "forever");
            await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "waiting");
        }

        await using var second = await StartClusterAsync();
        await using var again = await StartAppAsync(second, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<WaitForGoWorkflow>();
            o.RegisterWorkflow<WaitForeverWorkflow>();
        });

        var finished = await Client(again).GetWorkflowStateAsync("finished", cancellation: Ct);
        Assert.Equal(WorkflowRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("first cluster", finished.ReadOutputAs<string>());
        Assert.Equal(["finished", "forever", "waiting"], (await Client(again).ListInstanceIdsAsync(cancellation: Ct)).InstanceIds);

        await Client(again).RaiseEventAsync("waiting", "go", "second cluster", Ct);
        Assert.Equal("second cluster", (await CompletionOf(again, "waiting")).ReadOutputAs<string>());
        await Client(again).TerminateWorkflowAsync("forever", "stopped after restart", Within());
        Assert.Equal(WorkflowRuntimeStatus.Terminated, (await Client(again).GetWorkflowStateAsync("forever", cancellation: Ct)).RuntimeStatus);
        Assert.True(await Client(again).PurgeInstanceAsync("finished", Ct));
        Assert.Empty(await KeysOf("finished"));

        await using var third = await StartClusterAsync();
        Assert.Equal(["forever", "waiting"], third.Workflows.For("ordering").InstanceIds);
    }

    /// <summary>BackendWorkflowStateMetadata: inboxLength = 1, historyLength = 2, generation = 3.</summary>
    static (ulong Inbox, ulong History, ulong Generation) WorkflowMetadata(byte[] value)
    {
        ulong inbox = 0, history = 0, generation = 0;
        var input = new Google.Protobuf.CodedInputStream(value);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (Google.Protobuf.WireFormat.GetTagFieldNumber(tag))
            {
                case 1: inbox = input.ReadUInt64(); break;
                case 2: history = input.ReadUInt64(); break;
                case 3: generation = input.ReadUInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (inbox, history, generation);
    }
}
