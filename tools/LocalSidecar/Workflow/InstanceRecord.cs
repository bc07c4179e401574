using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// One workflow instance as the backend keeps it: the committed history of the current execution,
/// the inbox of events no turn has committed yet, the status fields daprd reports, and what is out
/// for the current execution (one turn at most, activities, timers). Guarded by its app's lock.
/// </summary>
sealed class InstanceRecord(string instanceId, long sequence, Timestamp created, CancellationTokenSource executionLifetime)
{
    public string InstanceId { get; } = instanceId;

    /// <summary>Creation order, for stable <c>ListInstanceIDs</c> paging.</summary>
    public long Sequence { get; } = sequence;

    public string Name { get; set; } = "";
    public string? Version { get; set; }
    public string? Input { get; set; }
    public string ExecutionId { get; set; } = Guid.NewGuid().ToString("N");
    public ParentInstanceInfo? Parent { get; set; }
    public OrchestrationStatus Status { get; set; } = OrchestrationStatus.Pending;
    public string? Output { get; set; }
    public string? CustomStatus { get; set; }
    public TaskFailureDetails? Failure { get; set; }
    public Timestamp Created { get; } = created;
    public Timestamp LastUpdated { get; set; } = created;
    public Timestamp? Completed { get; set; }
    public Timestamp? ScheduledStart { get; set; }

    /// <summary>A start scheduled for later: no turn is dispatched before then.</summary>
    public bool HeldUntilScheduledStart { get; set; }

    public List<HistoryEvent> History { get; } = [];
    public List<HistoryEvent> Inbox { get; } = [];
    public WorkflowTurn? Turn { get; set; }
    public Dictionary<int, ActivityTask> Activities { get; } = [];

    /// <summary>daprd's counter of resets: a finished instance started again under its id gets the next one.</summary>
    public ulong Generation { get; set; } = 1;

    /// <summary>What the actor state store holds for this instance (when workflows are persisted).</summary>
    public StoredImage Stored { get; set; } = new();

    /// <summary>Cancelled when the execution ends (completion, continue-as-new, purge): its timers stop.</summary>
    public CancellationToken ExecutionEnding => executionLifetime.Token;

    public bool IsTerminal => Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
        or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    /// <summary>Children this execution created, for recursive terminate and purge.</summary>
    public IReadOnlyList<string> ChildIds => History
        .Where(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceCreated)
        .Select(e => e.ChildWorkflowInstanceCreated.InstanceId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Drops everything out for the current execution. Late results for it then find nothing to
    /// complete and are ignored, as daprd ignores completions of tasks that no longer exist.
    /// </summary>
    public void EndExecution(CancellationTokenSource nextLifetime)
    {
        executionLifetime.Cancel();
        executionLifetime.Dispose();
        executionLifetime = nextLifetime;
        Turn?.Release();
        Turn = null;
        foreach (var a in Activities.Values) a.Release();
        Activities.Clear();
    }

    public WorkflowState ToState(bool withPayloads)
    {
        var s = new WorkflowState
        {
            InstanceId = InstanceId,
            Name = Name,
            WorkflowStatus = Status,
            CreatedTimestamp = Created,
            LastUpdatedTimestamp = LastUpdated,
            ExecutionId = ExecutionId,
        };
        if (History.Count > 0) s.StartedAt = History[0].Timestamp;
        if (Version is not null) s.Version = Version;
        if (ScheduledStart is not null) s.ScheduledStartTimestamp = ScheduledStart;
        if (Completed is not null) s.CompletedTimestamp = Completed;
        if (Parent is not null)
        {
            s.ParentInstanceId = Parent.WorkflowInstance.InstanceId;
            s.ParentAppId = Parent.AppID;
        }
        if (withPayloads)
        {
            s.Input = Input;
            s.Output = Output;
            s.CustomStatus = CustomStatus;
            s.FailureDetails = Failure;
        }
        return s;
    }
}
