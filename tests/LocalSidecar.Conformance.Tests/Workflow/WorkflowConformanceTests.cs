using Dapr.Workflow;
using Dapr.Workflow.Client;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.Workflow;

public abstract class WorkflowConformanceTests(bool onRedis) : EngineTests(onRedis)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A bound for every wait, so a broken backend fails the test instead of hanging it.</summary>
    protected static CancellationToken Within(int seconds = 20)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts.Token;
    }

    protected static Task<SampleApp> StartAppAsync(LocalDaprCluster cluster, WorkflowProbe probe, Action<WorkflowRuntimeOptions> register, string appId = "ordering") =>
        SampleApp.StartAsync(cluster, appId, b => b.Services.AddDaprWorkflow(o =>
        {
            register(o);
            // Activities every sample may use; each reports to the test's probe.
            o.RegisterActivity<string, string>("Greet", (_, name) => { probe.Ran("Greet"); return Task.FromResult($"Hello, {name}"); });
            o.RegisterActivity<string, string>("StepOne", (_, _) => { probe.Ran("StepOne"); return Task.FromResult("one"); });
            o.RegisterActivity<string, string>("StepTwo", (_, _) => { probe.Ran("StepTwo"); return Task.FromResult("two"); });
        }));

    protected static DaprWorkflowClient Client(SampleApp app) => app.Services.GetRequiredService<DaprWorkflowClient>();

    protected static async Task<WorkflowState> CompletionOf(SampleApp app, string id, int seconds = 20) =>
        await Client(app).WaitForWorkflowCompletionAsync(id, cancellation: Within(seconds));

    protected static async Task UntilCustomStatusAsync(SampleApp app, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).ReadCustomStatusAs<string>() != status)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{id} never reported custom status '{status}'");
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task A_workflow_with_an_activity_a_timer_and_an_event_completes()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o => o.RegisterWorkflow<GreetThenWaitWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(GreetThenWaitWorkflow), "order-1", new GreetInput("world", 200));
        await Eventually.TrueAsync(() => cluster.Workflows.For("ordering").HistoryOf(id).Any(e => e.TimerFired is not null), "the timer fired");
        await Client(app).RaiseEventAsync(id, "approval", "APPROVED", Ct);
        var done = await CompletionOf(app, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, world|APPROVED", done.ReadOutputAs<string>());
        Assert.Equal(1, probe.Runs("Greet"));
        Assert.Contains(cluster.Calls.Where("ordering", "workflow", "start", "order-1"), c => c.Succeeded);
        Assert.Single(cluster.Calls.Where("ordering", "workflow", "workflow-completed", "order-1"));
    }

    [Fact]
    public async Task A_durable_timer_fires_on_the_cluster_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await StartClusterAsync(o => o.Time = clock);
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<GreetThenWaitWorkflow>());
        var workflows = cluster.Workflows.For("ordering");

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(GreetThenWaitWorkflow), "clock-1",
            new GreetInput("clock", (int)TimeSpan.FromHours(1).TotalMilliseconds));
        await Eventually.TrueAsync(() => workflows.HistoryOf(id).Any(e => e.TimerCreated is not null), "the timer was created");
        await Eventually.NeverAsync(() => workflows.HistoryOf(id).Any(e => e.TimerFired is not null), TimeSpan.FromMilliseconds(300),
            "the timer fired before the cluster clock moved");
        clock.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => workflows.HistoryOf(id).Any(e => e.TimerFired is not null), "the timer fired");
        await Client(app).RaiseEventAsync(id, "approval", "ok", Ct);

        Assert.Equal("Hello, clock|ok", (await CompletionOf(app, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Waiting_for_an_event_with_a_timeout_times_out_when_the_event_never_comes()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<ApprovalWithTimeoutWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ApprovalWithTimeoutWorkflow), "timeout-1", 300);
        var done = await CompletionOf(app, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_that_comes_before_the_timeout_wins_over_it()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<ApprovalWithTimeoutWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ApprovalWithTimeoutWorkflow), "timeout-2", 10_000);
        await Client(app).RaiseEventAsync(id, "approval", "yes", Ct);
        var done = await CompletionOf(app, id);

        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_before_the_workflow_waits_is_not_lost()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<GreetThenWaitWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(GreetThenWaitWorkflow), "early-1", new GreetInput("early", 1000));
        await Client(app).RaiseEventAsync(id, "approval", "EARLY", Ct);
        var done = await CompletionOf(app, id);

        Assert.Equal("Hello, early|EARLY", done.ReadOutputAs<string>());
        // The event was committed while the workflow still sat on its timer, i.e. before it waited.
        var history = await Client(app).GetInstanceHistoryAsync(id, Ct);
        var raised = history.ToList().FindIndex(e => e.EventType == WorkflowHistoryEventType.EventRaised);
        var fired = history.ToList().FindIndex(e => e.EventType == WorkflowHistoryEventType.TimerFired);
        Assert.InRange(raised, 0, fired - 1);
    }

    [Fact]
    public async Task A_failing_activity_is_compensated_by_an_undo_activity()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o =>
        {
            o.RegisterWorkflow<ReserveAndChargeWorkflow>();
            o.RegisterActivity<string, string>("Reserve", (_, _) => { probe.Ran("Reserve"); return Task.FromResult("reserved"); });
            o.RegisterActivity<string, string>("Charge", (_, _) => { probe.Ran("Charge"); throw new InvalidOperationException("card declined"); });
            o.RegisterActivity<string, string>("Release", (_, _) => { probe.Ran("Release"); return Task.FromResult("released"); });
        });

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ReserveAndChargeWorkflow), "saga-1", "order-7");
        var done = await CompletionOf(app, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("compensated: card declined", done.ReadOutputAs<string>());
        Assert.Equal(["Reserve", "Charge", "Release"], probe.Log);
    }

    [Fact]
    public async Task An_activity_with_a_retry_policy_is_retried_until_it_succeeds()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o =>
        {
            o.RegisterWorkflow<RetryingWorkflow>();
            o.RegisterActivity<string, string>("Flaky", (_, input) =>
                probe.Ran("Flaky") < 3 ? throw new TimeoutException("not yet") : Task.FromResult($"{input} on attempt 3"));
        });

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(RetryingWorkflow), "retry-1", "done");
        var done = await CompletionOf(app, id);

        Assert.Equal("done on attempt 3", done.ReadOutputAs<string>());
        Assert.Equal(3, probe.Runs("Flaky"));
    }

    [Theory]
    [InlineData("event")]
    [InlineData("timer")]
    public async Task A_worker_restarted_mid_workflow_finishes_it_running_each_activity_once(string waitOn)
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o => o.RegisterWorkflow<TwoStepWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(TwoStepWorkflow), $"restart-{waitOn}", waitOn);
        await UntilCustomStatusAsync(app, id, "waiting");
        await app.RestartAsync();
        if (waitOn == "event") await Client(app).RaiseEventAsync(id, "go", "now", Ct);
        var done = await CompletionOf(app, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("one+two", done.ReadOutputAs<string>());
        Assert.Equal(1, probe.Runs("StepOne"));
        Assert.Equal(1, probe.Runs("StepTwo"));
        Assert.Contains(cluster.Calls.Where("ordering", "workflow", "worker-disconnected"), c => c.Succeeded);
    }

    [Fact]
    public async Task An_activity_in_flight_when_its_worker_stops_is_dispatched_again_to_the_next_worker()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o =>
        {
            o.RegisterWorkflow<SlowStepWorkflow>();
            // The first run never finishes (its worker goes away under it); a re-dispatch returns at once.
            o.RegisterActivity<string, string>("Slow", async (_, _) =>
            {
                if (probe.Ran("Slow") == 1) await probe.Gate.Task;
                return "slow";
            });
        });
        try
        {
            var id = await Client(app).ScheduleNewWorkflowAsync(nameof(SlowStepWorkflow), "inflight-1", "x");
            await Eventually.TrueAsync(() => probe.Runs("Slow") == 1, "the slow step started");
            await app.RestartAsync();
            var done = await CompletionOf(app, id);

            Assert.Equal("one+slow", done.ReadOutputAs<string>());
            Assert.Equal(2, probe.Runs("Slow"));
            Assert.Equal(1, probe.Runs("StepOne"));
            Assert.Single(cluster.Calls.Where("ordering", "workflow", "requeue", "inflight-1#1:Slow"));
        }
        finally
        {
            probe.Gate.TrySetResult(); // lets the abandoned first run end
        }
    }

    [Fact]
    public async Task A_worker_stream_dropped_by_the_sidecar_reconnects_and_finishes_the_workflow()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o => o.RegisterWorkflow<TwoStepWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(TwoStepWorkflow), "dropped-1", "event");
        await UntilCustomStatusAsync(app, id, "waiting");
        cluster.Workflows.For("ordering").DropWorkers();
        await Client(app).RaiseEventAsync(id, "go", "now", Ct);
        // The SDK waits 5 s before it reconnects.
        var done = await CompletionOf(app, id, seconds: 30);

        Assert.Equal("one+two", done.ReadOutputAs<string>());
        Assert.Equal(2, cluster.Calls.Where("ordering", "workflow", "worker-connected").Count);
        Assert.Equal(1, probe.Runs("StepOne"));
    }

    [Fact]
    public async Task Terminate_ends_a_running_workflow_as_terminated()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForeverWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "term-1");
        await Client(app).TerminateWorkflowAsync(id, "stopped by test", Within());
        var state = await Client(app).GetWorkflowStateAsync(id, cancellation: Ct);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.True(state.IsWorkflowCompleted);
    }

    [Fact]
    public async Task Terminating_a_parent_also_terminates_its_running_child()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<ParentOfWaiterWorkflow>();
            o.RegisterWorkflow<WaitForeverWorkflow>();
        });

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ParentOfWaiterWorkflow), "term-parent");
        await Client(app).WaitForWorkflowStartAsync("term-parent-child", cancellation: Within());
        await Client(app).TerminateWorkflowAsync(id, cancellation: Within());
        var child = await CompletionOf(app, "term-parent-child");

        Assert.Equal(WorkflowRuntimeStatus.Terminated, (await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, child.RuntimeStatus);
    }

    [Fact]
    public async Task Purge_removes_a_finished_workflow()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<ParentWorkflow>();
            o.RegisterWorkflow<ChildWorkflow>();
        });
        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "purge-1", "p");
        await CompletionOf(app, id);

        Assert.True(await Client(app).PurgeInstanceAsync(id, Ct));

        Assert.False((await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).Exists);
        Assert.Empty(cluster.Workflows.For("ordering").InstanceIds); // the child went with its parent
    }

    [Fact]
    public async Task Purge_refuses_a_running_workflow()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForeverWorkflow>());
        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "purge-running");

        var e = await Assert.ThrowsAsync<RpcException>(() => Client(app).PurgeInstanceAsync(id, Ct));

        Assert.Contains("not yet completed", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(WorkflowRuntimeStatus.Running, (await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).RuntimeStatus);
    }

    [Fact]
    public async Task A_suspended_workflow_holds_back_a_raised_event_until_it_is_resumed()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForGoWorkflow>());
        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "suspend-1");

        await Client(app).SuspendWorkflowAsync(id, "hold on", Within());
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).RuntimeStatus);
        await Client(app).RaiseEventAsync(id, "go", "after resume", Ct);
        // The event is committed to history, yet the suspended workflow does not act on it.
        await Eventually.TrueAsync(() => cluster.Workflows.For("ordering").HistoryOf(id).Any(e => e.EventRaised is not null), "the event was committed");
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await Client(app).GetWorkflowStateAsync(id, cancellation: Ct)).RuntimeStatus);

        await Client(app).ResumeWorkflowAsync(id, "go on", Within());
        var done = await CompletionOf(app, id);

        Assert.Equal("after resume", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_child_workflow_result_flows_to_the_parent()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new WorkflowProbe();
        await using var app = await StartAppAsync(cluster, probe, o =>
        {
            o.RegisterWorkflow<ParentWorkflow>();
            o.RegisterWorkflow<ChildWorkflow>();
        });

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-1", "kid");
        var done = await CompletionOf(app, id);

        Assert.Equal("parent(Hello, kid)", done.ReadOutputAs<string>());
        Assert.Equal(2, cluster.Workflows.For("ordering").InstanceIds.Count);
    }

    [Fact]
    public async Task Continue_as_new_restarts_the_workflow_with_the_new_input()
    {
        await using var cluster = await StartClusterAsync();
        var recorded = new System.Collections.Concurrent.ConcurrentQueue<int>();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<CountdownWorkflow>();
            o.RegisterActivity<int, string>("Record", (_, n) => { recorded.Enqueue(n); return Task.FromResult("ok"); });
        });

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(CountdownWorkflow), "countdown-1", 3);
        var done = await CompletionOf(app, id);

        Assert.Equal("liftoff", done.ReadOutputAs<string>());
        Assert.Equal(0, done.ReadInputAs<int>());
        Assert.Equal([3, 2, 1, 0], recorded);
    }

    [Fact]
    public async Task Continue_as_new_carries_over_an_event_the_workflow_had_not_consumed()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<CarryOverWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(CarryOverWorkflow), "carry-1", 0);
        await Client(app).RaiseEventAsync(id, "ping", "kept", Ct);
        var done = await CompletionOf(app, id);

        Assert.Equal("kept", done.ReadOutputAs<string>());
        Assert.Equal(1, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task Starting_an_instance_id_that_is_already_running_is_refused()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForeverWorkflow>());
        await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "dup-1");

        var e = await Assert.ThrowsAsync<RpcException>(() => Client(app).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "dup-1"));

        Assert.Equal(StatusCode.Unknown, e.StatusCode);
        Assert.Equal("an active workflow with ID 'dup-1' already exists", e.Status.Detail);
    }

    [Fact]
    public async Task A_finished_instance_id_can_be_started_again()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForGoWorkflow>());
        await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "again-1");
        await Client(app).RaiseEventAsync("again-1", "go", "first", Ct);
        await CompletionOf(app, "again-1");

        await Client(app).ScheduleNewWorkflowAsync(nameof(WaitForGoWorkflow), "again-1");
        await Client(app).RaiseEventAsync("again-1", "go", "second", Ct);
        var done = await CompletionOf(app, "again-1");

        Assert.Equal("second", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unhandled_exception_fails_the_workflow_with_its_details()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<FailingWorkflow>());

        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(FailingWorkflow), "fail-1", "bad input");
        var done = await CompletionOf(app, id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("boom: bad input", done.FailureDetails?.ErrorMessage);
        Assert.True(done.FailureDetails!.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task Workflows_are_scoped_to_their_app_id()
    {
        await using var cluster = await StartClusterAsync();
        await using var ordering = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForeverWorkflow>());
        await using var other = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForeverWorkflow>(), appId: "payment");

        await Client(ordering).ScheduleNewWorkflowAsync(nameof(WaitForeverWorkflow), "scoped-1");

        Assert.False((await Client(other).GetWorkflowStateAsync("scoped-1", cancellation: Ct)).Exists);
        Assert.True((await Client(ordering).GetWorkflowStateAsync("scoped-1", cancellation: Ct)).Exists);
    }

    [Fact]
    public async Task Raising_an_event_on_an_unknown_instance_is_an_error()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o => o.RegisterWorkflow<WaitForGoWorkflow>());

        var e = await Assert.ThrowsAsync<RpcException>(() => Client(app).RaiseEventAsync("nobody", "go", "x", Ct));

        Assert.Contains("no such instance exists", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(cluster.Calls.Where("ordering", "workflow", "raise-event"), c => !c.Succeeded);
    }

    [Fact]
    public async Task The_history_and_the_instance_list_report_what_ran()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartAppAsync(cluster, new WorkflowProbe(), o =>
        {
            o.RegisterWorkflow<ParentWorkflow>();
            o.RegisterWorkflow<ChildWorkflow>();
        });
        var id = await Client(app).ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "listed-1", "h");
        await CompletionOf(app, id);

        var history = await Client(app).GetInstanceHistoryAsync(id, Ct);
        var first = await Client(app).ListInstanceIdsAsync(pageSize: 1, cancellation: Ct);
        var second = await Client(app).ListInstanceIdsAsync(first.ContinuationToken, pageSize: 1, cancellation: Ct);

        Assert.Equal(
            [WorkflowHistoryEventType.OrchestratorStarted, WorkflowHistoryEventType.ExecutionStarted, WorkflowHistoryEventType.SubOrchestrationInstanceCreated,
             WorkflowHistoryEventType.OrchestratorStarted, WorkflowHistoryEventType.SubOrchestrationInstanceCompleted, WorkflowHistoryEventType.ExecutionCompleted],
            history.Select(e => e.EventType));
        Assert.Equal(["listed-1"], first.InstanceIds);
        Assert.Single(second.InstanceIds);
        Assert.Null(second.ContinuationToken);
    }
}

public sealed class InMemoryWorkflowConformanceTests() : WorkflowConformanceTests(onRedis: false);
