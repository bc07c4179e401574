using Dapr.DurableTask.Protobuf;
using DaprShop.LocalSidecar.Cluster;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The workflow instances of one app-id (daprd keeps them in that app's workflow actors) and the
/// operations on them. One lock guards every instance of the app, so a turn's side effects on other
/// instances (children, parents, sent events) apply atomically with the turn's commit.
/// </summary>
public sealed class AppWorkflows
{
    /// <summary>Timers further out than this never fire in practice: the SDK's "wait forever" sentinel is year 9999.</summary>
    static readonly TimeSpan NeverFires = TimeSpan.FromDays(365 * 100);

    /// <summary>Task.Delay takes at most ~49 days; longer timers wait in slices.</summary>
    static readonly TimeSpan DelaySlice = TimeSpan.FromDays(30);

    readonly LocalDaprCluster _cluster;
    readonly CancellationToken _shutdown;
    readonly Lock _gate = new();
    readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    readonly ChangeSignal _changed = new();
    readonly WorkItemDispatcher _dispatcher;
    readonly TurnCommitter _committer;
    readonly WorkflowStateStore? _store;
    // Instances changed since the last write to the store; a failed write keeps them for the next one.
    readonly HashSet<InstanceRecord> _unsaved = [];
    long _sequence;

    internal AppWorkflows(LocalDaprCluster cluster, string appId, WorkflowStateStore? store, CancellationToken shutdown)
    {
        _cluster = cluster;
        AppId = appId;
        _shutdown = shutdown;
        _store = store;
        _dispatcher = new WorkItemDispatcher(this);
        _committer = new TurnCommitter(this);
    }

    public string AppId { get; }

    /// <summary>Workers (GetWorkItems streams) currently connected for this app.</summary>
    public int ConnectedWorkers { get { lock (_gate) return _dispatcher.StreamCount; } }

    public IReadOnlyList<string> InstanceIds
    {
        get { lock (_gate) return _instances.Values.OrderBy(i => i.Sequence).Select(i => i.InstanceId).ToList(); }
    }

    /// <summary>The committed history of an instance's current execution (a copy), for tests to inspect.</summary>
    public IReadOnlyList<HistoryEvent> HistoryOf(string instanceId)
    {
        lock (_gate) return _instances.TryGetValue(instanceId, out var i) ? i.History.Select(e => e.Clone()).ToList() : [];
    }

    /// <summary>
    /// Fault injection: ends every worker stream from the sidecar side. Work out at those workers goes
    /// back to the queue; the SDK reconnects after its 5 s back-off and gets it again.
    /// </summary>
    public void DropWorkers()
    {
        lock (_gate) _dispatcher.DropAll();
        Record("drop-workers", AppId);
    }

    internal Lock Gate => _gate;
    internal TimeProvider Time => _cluster.Time;
    internal WorkItemDispatcher Dispatcher => _dispatcher;
    internal CancellationToken Shutdown => _shutdown;

    internal void Record(string operation, string target, string outcome = "ok") =>
        _cluster.Calls.Record(AppId, "workflow", operation, target, outcome);

    internal Timestamp Now() => Timestamp.FromDateTimeOffset(Time.GetUtcNow());

    static RpcException NoSuchInstance(string id) =>
        new(new Status(StatusCode.Unknown, $"no such instance exists: {id}"));

    // ---------------------------------------------------------------- client operations

    internal async Task<string> StartAsync(CreateInstanceRequest request, CancellationToken ct)
    {
        var id = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString("N") : request.InstanceId;
        InstanceRecord created;
        lock (_gate)
        {
            if (_instances.TryGetValue(id, out var existing) && !existing.IsTerminal)
                throw new RpcException(new Status(StatusCode.Unknown, $"an active workflow with ID '{id}' already exists"));
            created = Create(id, request.Name, request.Input, request.Version, parent: null,
                request.ParentTraceContext, request.ScheduledStartTimestamp);
            Committed();
        }
        // daprd's StartInstance returns once the first turn is committed, unless the start is scheduled for later.
        if (!created.HeldUntilScheduledStart)
            await WaitUntilAsync(id, i => i.Status != OrchestrationStatus.Pending, ct);
        return id;
    }

    internal GetInstanceResponse Get(string instanceId, bool withPayloads)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(instanceId, out var i)
                ? new GetInstanceResponse { Exists = true, WorkflowState = i.ToState(withPayloads) }
                : new GetInstanceResponse { Exists = false };
        }
    }

    /// <summary>daprd parks a wait on an unknown id until the instance appears.</summary>
    internal async Task<GetInstanceResponse> WaitForStartAsync(string instanceId, bool withPayloads, CancellationToken ct)
    {
        await WaitUntilAsync(instanceId, i => i.Status != OrchestrationStatus.Pending, ct);
        return Get(instanceId, withPayloads);
    }

    internal async Task<GetInstanceResponse> WaitForCompletionAsync(string instanceId, bool withPayloads, CancellationToken ct)
    {
        await WaitUntilAsync(instanceId, i => i.IsTerminal, ct);
        return Get(instanceId, withPayloads);
    }

    /// <summary>Unknown id: error as daprd. Finished instance: accepted and dropped. Otherwise the event waits in the inbox for the next turn.</summary>
    internal void RaiseEvent(RaiseEventRequest request)
    {
        lock (_gate)
        {
            var i = Find(request.InstanceId) ?? throw NoSuchInstance(request.InstanceId);
            Deliver(i, new HistoryEvent
            {
                EventId = -1,
                Timestamp = Now(),
                EventRaised = new EventRaisedEvent { Name = request.Name, Input = request.Input },
            });
            Committed();
        }
    }

    internal async Task TerminateAsync(TerminateRequest request, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = Find(request.InstanceId) ?? throw NoSuchInstance(request.InstanceId);
            if (i.IsTerminal) return;
            Deliver(i, Terminated(request.Output, request.Recursive));
            Committed();
        }
        await WaitUntilAsync(request.InstanceId, i => i.IsTerminal, ct);
    }

    internal async Task SuspendAsync(string instanceId, string? reason, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = Find(instanceId) ?? throw NoSuchInstance(instanceId);
            if (i.IsTerminal) return;
            Deliver(i, new HistoryEvent { EventId = -1, Timestamp = Now(), ExecutionSuspended = new ExecutionSuspendedEvent { Input = reason } });
            Committed();
        }
        await WaitUntilAsync(instanceId, i => i.Status == OrchestrationStatus.Suspended || i.IsTerminal, ct);
    }

    internal async Task ResumeAsync(string instanceId, string? reason, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = Find(instanceId) ?? throw NoSuchInstance(instanceId);
            if (i.IsTerminal) return;
            Deliver(i, new HistoryEvent { EventId = -1, Timestamp = Now(), ExecutionResumed = new ExecutionResumedEvent { Input = reason } });
            Committed();
        }
        await WaitUntilAsync(instanceId, i => i.Status != OrchestrationStatus.Suspended, ct);
    }

    /// <summary>Only finished instances are purged (no force from the SDK); recursively, children before the parent.</summary>
    internal int Purge(string instanceId, bool recursive)
    {
        lock (_gate)
        {
            var root = Find(instanceId) ?? throw NoSuchInstance(instanceId);
            var doomed = new List<InstanceRecord>();
            Collect(root);
            var running = doomed.FirstOrDefault(i => !i.IsTerminal);
            if (running is not null)
                throw new RpcException(new Status(StatusCode.Unknown,
                    $"failed to purge orchestration state: orchestration has not yet completed: {running.InstanceId}"));
            if (_store is not null)
            {
                var deletes = new List<State.StateWrite>();
                foreach (var i in doomed) _store.AddPurge(AppId, i, deletes);
                try { _store.Apply(deletes); }
                catch (State.StateStoreException e)
                {
                    throw new RpcException(new Status(StatusCode.Unknown, $"failed to purge orchestration state: {e.Message}"));
                }
            }
            foreach (var i in doomed)
            {
                i.EndExecution(new CancellationTokenSource());
                _instances.Remove(i.InstanceId);
                _unsaved.Remove(i);
            }
            Committed();
            return doomed.Count;

            void Collect(InstanceRecord i)
            {
                if (recursive)
                    foreach (var child in i.ChildIds)
                        if (Find(child) is { } c && !doomed.Contains(c)) Collect(c);
                doomed.Add(i);
            }
        }
    }

    internal IReadOnlyList<HistoryEvent> History(string instanceId)
    {
        lock (_gate)
        {
            var i = Find(instanceId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no such instance exists: {instanceId}"));
            return i.History.Select(e => e.Clone()).ToList();
        }
    }

    /// <summary>Pages in creation order; the continuation token is the next position.</summary>
    internal ListInstanceIDsResponse List(string? continuationToken, uint pageSize)
    {
        var ids = InstanceIds;
        var from = int.TryParse(continuationToken, System.Globalization.CultureInfo.InvariantCulture, out var f) ? Math.Clamp(f, 0, ids.Count) : 0;
        var take = pageSize == 0 ? ids.Count - from : (int)Math.Min(pageSize, (uint)(ids.Count - from));
        var response = new ListInstanceIDsResponse();
        response.InstanceIds.AddRange(ids.Skip(from).Take(take));
        if (from + take < ids.Count) response.ContinuationToken = (from + take).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }

    // ---------------------------------------------------------------- restart

    /// <summary>
    /// Takes over instances a previous cluster left in the store and re-arms what was out: activities scheduled
    /// without a recorded result are dispatched again (at least once, as daprd: one whose result was recorded never
    /// runs again), timers are re-armed on this cluster's clock (one already due fires at once), a pending inbox
    /// (events, a start, a terminate) gets its turn. Workers connecting later receive the queued work.
    /// </summary>
    internal void Restore(IEnumerable<StoredInstance> stored)
    {
        lock (_gate)
        {
            var restored = new List<InstanceRecord>();
            foreach (var s in stored.OrderBy(s => (s.History.Concat(s.Inbox).FirstOrDefault(e => e.ExecutionStarted is not null)?.Timestamp
                         ?.ToDateTimeOffset()) ?? DateTimeOffset.MinValue).ThenBy(s => s.InstanceId, StringComparer.Ordinal))
            {
                try
                {
                    var i = InstanceRestore.Rebuild(s, ++_sequence, CancellationTokenSource.CreateLinkedTokenSource(_shutdown));
                    _instances[i.InstanceId] = i;
                    restored.Add(i);
                }
                catch (FormatException e)
                {
                    Record("restore", s.InstanceId, e.Message);
                }
            }
            foreach (var i in restored)
            {
                Rearm(i);
                Record("restore", i.InstanceId);
            }
            _changed.Pulse();
        }
    }

    void Rearm(InstanceRecord i)
    {
        if (i.IsTerminal) return;
        if (i.Status == OrchestrationStatus.Pending && i.ScheduledStart is { } at && at.ToDateTimeOffset() > Time.GetUtcNow())
        {
            i.HeldUntilScheduledStart = true;
            _ = ReleaseAtScheduledStartAsync(i, at.ToDateTimeOffset());
        }
        foreach (var e in InstanceRestore.UnfiredTimers(i)) ScheduleTimer(i, e.EventId, e.TimerCreated.FireAt);
        foreach (var e in InstanceRestore.UnansweredActivities(i))
        {
            ScheduleActivity(new ActivityTask(i, i.ExecutionId, e.EventId, e.TaskScheduled));
            Record("redispatch", $"{i.InstanceId}#{e.EventId}:{e.TaskScheduled.Name}");
        }
        EnsureTurn(i);
    }

    // ---------------------------------------------------------------- worker side

    internal Task ServeWorkerAsync(Func<WorkItem, Task> send, CancellationToken ct) => _dispatcher.ServeAsync(send, ct);

    internal string CompleteTurn(WorkflowResponse response)
    {
        lock (_gate)
        {
            if (Find(response.InstanceId) is not { } i || i.Turn is not { } turn || !turn.IsAnsweredBy(response.CompletionToken))
                return "ignored: no such pending workflow turn";
            turn.Release();
            i.Turn = null;
            Touch(i);
            _committer.Commit(i, turn, response);
            EnsureTurn(i);
            Committed();
            return "ok";
        }
    }

    internal string CompleteActivity(ActivityResponse response)
    {
        lock (_gate)
        {
            if (Find(response.InstanceId) is not { } i || !i.Activities.TryGetValue(response.TaskId, out var task)
                || !task.IsAnsweredBy(response.CompletionToken))
                return "ignored: no such pending activity";
            task.Release();
            i.Activities.Remove(response.TaskId);
            var e = new HistoryEvent { EventId = -1, Timestamp = Now() };
            if (response.FailureDetails is { } failure)
                e.TaskFailed = new TaskFailedEvent { TaskScheduledId = task.TaskId, FailureDetails = failure, TaskExecutionId = task.Scheduled.TaskExecutionId };
            else
                e.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = task.TaskId, Result = response.Result, TaskExecutionId = task.Scheduled.TaskExecutionId };
            Deliver(i, e);
            Committed();
            return "ok";
        }
    }

    /// <summary>Builds the work item for a dispatch, or null when the work became moot while queued. Lock held.</summary>
    internal WorkItem? Claim(PendingWork work, WorkerStream worker)
    {
        var i = work.Instance;
        if (work.IsDispatched || Find(i.InstanceId) != i) return null;
        WorkItem item;
        switch (work)
        {
            case WorkflowTurn turn:
                if (i.Turn != turn) return null;
                if (i.Inbox.Count == 0)
                {
                    i.Turn = null;
                    return null;
                }
                turn.NewEvents.Clear();
                turn.NewEvents.Add(new HistoryEvent { EventId = -1, Timestamp = Now(), WorkflowStarted = new WorkflowStartedEvent() });
                turn.NewEvents.AddRange(i.Inbox);
                turn.InboxCount = i.Inbox.Count;
                var request = new WorkflowRequest { InstanceId = i.InstanceId, ExecutionId = i.ExecutionId };
                request.PastEvents.AddRange(i.History);
                request.NewEvents.AddRange(turn.NewEvents);
                item = new WorkItem { WorkflowRequest = request };
                break;
            case ActivityTask task:
                if (!i.Activities.TryGetValue(task.TaskId, out var current) || current != task) return null;
                item = new WorkItem
                {
                    ActivityRequest = new ActivityRequest
                    {
                        Name = task.Scheduled.Name,
                        Version = task.Scheduled.Version,
                        Input = task.Scheduled.Input,
                        TaskId = task.TaskId,
                        TaskExecutionId = task.Scheduled.TaskExecutionId,
                        ParentTraceContext = task.Scheduled.ParentTraceContext,
                        // The SDK dereferences it; daprd leaves the execution id out.
                        WorkflowInstance = new Dapr.DurableTask.Protobuf.WorkflowInstance { InstanceId = i.InstanceId },
                    },
                };
                break;
            default:
                return null;
        }
        work.ClaimBy(worker);
        item.CompletionToken = work.CompletionToken;
        Record(work is WorkflowTurn ? "dispatch-workflow" : "dispatch-activity", Describe(work));
        return item;
    }

    /// <summary>How dispatch records name work: the instance id, plus <c>#taskId:activity</c> for an activity.</summary>
    internal static string Describe(PendingWork work) => work is ActivityTask a
        ? $"{a.Instance.InstanceId}#{a.TaskId}:{a.Scheduled.Name}"
        : work.Instance.InstanceId;

    // ---------------------------------------------------------------- internals (lock held)

    internal InstanceRecord? Find(string instanceId) => _instances.GetValueOrDefault(instanceId);

    internal void Changed() => _changed.Pulse();

    /// <summary>Marks an instance for the next write to the store.</summary>
    internal void Touch(InstanceRecord i)
    {
        if (_store is not null) _unsaved.Add(i);
    }

    /// <summary>
    /// Ends a change: everything it did to any instance (a turn's history, consumed inbox, scheduled work, a child
    /// created, an event sent, a parent told) goes to the store in one transaction, then waiters wake up.
    /// </summary>
    void Committed()
    {
        Save();
        _changed.Pulse();
    }

    void Save()
    {
        if (_store is null || _unsaved.Count == 0) return;
        var writes = new List<State.StateWrite>();
        var done = new List<Action>();
        foreach (var i in _unsaved)
            if (Find(i.InstanceId) == i && _store.AddChanges(AppId, i, writes) is { } saved) done.Add(saved);
        try
        {
            _store.Apply(writes);
        }
        catch (State.StateStoreException e)
        {
            Record("save", string.Join(',', _unsaved.Select(i => i.InstanceId)), e.Message);
            return;
        }
        foreach (var saved in done) saved();
        _unsaved.Clear();
    }

    /// <summary>Creates (or recreates over a finished one) an instance whose first turn starts it.</summary>
    internal InstanceRecord Create(string id, string name, string? input, string? version, ParentInstanceInfo? parent,
        TraceContext? trace, Timestamp? scheduledStart)
    {
        if (_instances.TryGetValue(id, out var old)) old.EndExecution(new CancellationTokenSource());
        var now = Now();
        var i = new InstanceRecord(id, ++_sequence, now, CancellationTokenSource.CreateLinkedTokenSource(_shutdown))
        {
            Name = name,
            Input = input,
            Version = version,
            Parent = parent,
            ScheduledStart = scheduledStart,
        };
        if (old is not null)
        {
            // daprd resets the actor's state: the old rows are overwritten or deleted, the generation moves on.
            i.Stored = old.Stored;
            i.Generation = old.Generation + 1;
            _unsaved.Remove(old);
        }
        _instances[id] = i;
        Touch(i);
        i.Inbox.Add(ExecutionStarted(i, trace));
        if (scheduledStart is not null && scheduledStart.ToDateTimeOffset() > Time.GetUtcNow())
        {
            i.HeldUntilScheduledStart = true;
            _ = ReleaseAtScheduledStartAsync(i, scheduledStart.ToDateTimeOffset());
        }
        EnsureTurn(i);
        return i;
    }

    HistoryEvent ExecutionStarted(InstanceRecord i, TraceContext? trace) => new()
    {
        EventId = -1,
        Timestamp = Now(),
        // daprd stamps the source app; the SDK takes it as its own app id for cross-app calls.
        Router = new TaskRouter { SourceAppID = AppId },
        ExecutionStarted = new ExecutionStartedEvent
        {
            Name = i.Name,
            Input = i.Input,
            Version = i.Version,
            WorkflowInstance = new Dapr.DurableTask.Protobuf.WorkflowInstance { InstanceId = i.InstanceId, ExecutionId = i.ExecutionId },
            ParentInstance = i.Parent,
            ParentTraceContext = trace,
            ScheduledStartTimestamp = i.ScheduledStart,
        },
    };

    /// <summary>
    /// Continue-as-new: a fresh execution of the same instance whose history starts again with the new
    /// input and the events the workflow had not consumed; the status stays Running throughout.
    /// </summary>
    internal void ContinueAsNew(InstanceRecord i, string? newInput, IEnumerable<HistoryEvent> carryover)
    {
        var pending = i.Inbox.ToList();
        i.EndExecution(CancellationTokenSource.CreateLinkedTokenSource(_shutdown));
        i.History.Clear();
        i.Inbox.Clear();
        i.ExecutionId = Guid.NewGuid().ToString("N");
        i.Input = newInput;
        i.Inbox.Add(ExecutionStarted(i, trace: null));
        i.Inbox.AddRange(carryover);
        i.Inbox.AddRange(pending);
        Record("continue-as-new", i.InstanceId);
    }

    /// <summary>Puts an event in an instance's inbox and makes sure a turn will show it. Finished instances drop it.</summary>
    internal void Deliver(InstanceRecord i, HistoryEvent e)
    {
        if (i.IsTerminal) return;
        i.Inbox.Add(e);
        Touch(i);
        EnsureTurn(i);
    }

    /// <summary>At most one turn per instance is queued or out at a worker.</summary>
    internal void EnsureTurn(InstanceRecord i)
    {
        if (i.Turn is not null || i.Inbox.Count == 0 || i.IsTerminal) return;
        if (i.HeldUntilScheduledStart && !i.Inbox.Any(e => e.ExecutionTerminated is not null)) return;
        i.Turn = new WorkflowTurn(i);
        _dispatcher.Enqueue(i.Turn);
    }

    internal void ScheduleActivity(ActivityTask task)
    {
        task.Instance.Activities[task.TaskId] = task;
        _dispatcher.Enqueue(task);
    }

    internal void ScheduleTimer(InstanceRecord i, int timerId, Timestamp fireAt)
    {
        var due = fireAt.ToDateTimeOffset();
        if (due - Time.GetUtcNow() > NeverFires) return;
        _ = FireTimerAsync(i, i.ExecutionId, timerId, fireAt, due, i.ExecutionEnding);
    }

    async Task FireTimerAsync(InstanceRecord i, string executionId, int timerId, Timestamp fireAt, DateTimeOffset due, CancellationToken ct)
    {
        if (!await DelayUntilAsync(due, ct)) return;
        lock (_gate)
        {
            if (Find(i.InstanceId) != i || i.ExecutionId != executionId) return;
            Deliver(i, new HistoryEvent { EventId = -1, Timestamp = Now(), TimerFired = new TimerFiredEvent { TimerId = timerId, FireAt = fireAt } });
            Committed();
        }
    }

    async Task ReleaseAtScheduledStartAsync(InstanceRecord i, DateTimeOffset due)
    {
        if (!await DelayUntilAsync(due, i.ExecutionEnding)) return;
        lock (_gate)
        {
            i.HeldUntilScheduledStart = false;
            if (Find(i.InstanceId) == i) EnsureTurn(i);
        }
    }

    /// <summary>Waits on the cluster's clock (a fake one in tests); false when cancelled first.</summary>
    async Task<bool> DelayUntilAsync(DateTimeOffset due, CancellationToken ct)
    {
        try
        {
            for (var left = due - Time.GetUtcNow(); left > TimeSpan.Zero; left = due - Time.GetUtcNow())
                await Task.Delay(left < DelaySlice ? left : DelaySlice, Time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Commits the end of an execution: status and output, then what depends on it — the parent hears
    /// of its child, and a recursive terminate reaches the children still running.
    /// </summary>
    internal void Finish(InstanceRecord i, HistoryEvent completedEvent, bool terminateChildren)
    {
        var completed = completedEvent.ExecutionCompleted;
        i.History.Add(completedEvent);
        i.Status = completed.WorkflowStatus;
        i.Output = completed.Result;
        i.Failure = completed.FailureDetails;
        i.Completed = completedEvent.Timestamp;
        i.LastUpdated = completedEvent.Timestamp;
        i.Inbox.Clear();
        i.EndExecution(new CancellationTokenSource());
        Record($"workflow-{i.Status.ToString().ToLowerInvariant()}", i.InstanceId);

        if (i.Parent is { } p && Find(p.WorkflowInstance.InstanceId) is { } parent
            && parent.ExecutionId == p.WorkflowInstance.ExecutionId)
        {
            var e = new HistoryEvent { EventId = -1, Timestamp = Now() };
            if (i.Status == OrchestrationStatus.Completed)
                e.ChildWorkflowInstanceCompleted = new ChildWorkflowInstanceCompletedEvent { TaskScheduledId = p.TaskScheduledId, Result = completed.Result };
            else
                e.ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent { TaskScheduledId = p.TaskScheduledId, FailureDetails = completed.FailureDetails };
            Deliver(parent, e);
        }

        if (terminateChildren)
            foreach (var childId in i.ChildIds)
                if (Find(childId) is { IsTerminal: false } child)
                    Deliver(child, Terminated(completed.Result, recurse: true));
    }

    HistoryEvent Terminated(string? output, bool recurse) => new()
    {
        EventId = -1,
        Timestamp = Now(),
        ExecutionTerminated = new ExecutionTerminatedEvent { Input = output, Recurse = recurse },
    };

    async Task WaitUntilAsync(string instanceId, Func<InstanceRecord, bool> condition, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (Find(instanceId) is { } i && condition(i)) return;
                next = _changed.Next;
            }
            await next.WaitAsync(linked.Token);
        }
    }
}
