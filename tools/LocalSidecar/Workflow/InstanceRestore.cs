using Dapr.DurableTask.Protobuf;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// Rebuilds an instance from its stored rows, as daprd rebuilds its runtime state from history: name, input, parent
/// and execution id from <c>ExecutionStarted</c>, the status by replaying the lifecycle events, output and failure
/// from <c>ExecutionCompleted</c>. What was out at the crash is found the same way: activities scheduled with no
/// result in history or inbox, timers created with none fired.
/// </summary>
static class InstanceRestore
{
    /// <exception cref="FormatException">Neither history nor inbox holds the instance's ExecutionStarted.</exception>
    public static InstanceRecord Rebuild(StoredInstance s, long sequence, CancellationTokenSource lifetime)
    {
        var started = s.History.Concat(s.Inbox).FirstOrDefault(e => e.ExecutionStarted is not null)
            ?? throw new FormatException($"workflow '{s.InstanceId}' has no ExecutionStarted event");
        var x = started.ExecutionStarted;
        var i = new InstanceRecord(s.InstanceId, sequence, started.Timestamp, lifetime)
        {
            Name = x.Name,
            Input = x.Input,
            Version = x.Version,
            Parent = x.ParentInstance,
            ScheduledStart = x.ScheduledStartTimestamp,
            ExecutionId = x.WorkflowInstance?.ExecutionId is { Length: > 0 } executionId ? executionId : Guid.NewGuid().ToString("N"),
            CustomStatus = s.CustomStatus,
            Generation = s.Generation,
        };
        i.History.AddRange(s.History);
        i.Inbox.AddRange(s.Inbox);
        foreach (var e in s.History)
        {
            switch (e.EventTypeCase)
            {
                case HistoryEvent.EventTypeOneofCase.ExecutionStarted when i.Status == OrchestrationStatus.Pending:
                    i.Status = OrchestrationStatus.Running;
                    break;
                case HistoryEvent.EventTypeOneofCase.WorkflowStarted when i.Status == OrchestrationStatus.Stalled:
                    // A later turn answered normally again, until a stall event says otherwise.
                    i.Status = OrchestrationStatus.Running;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionSuspended when i.Status == OrchestrationStatus.Running:
                    i.Status = OrchestrationStatus.Suspended;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionResumed when i.Status == OrchestrationStatus.Suspended:
                    i.Status = OrchestrationStatus.Running;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionStalled:
                    i.Status = OrchestrationStatus.Stalled;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionCompleted:
                    i.Status = e.ExecutionCompleted.WorkflowStatus;
                    i.Output = e.ExecutionCompleted.Result;
                    i.Failure = e.ExecutionCompleted.FailureDetails;
                    i.Completed = e.Timestamp;
                    break;
            }
        }
        i.LastUpdated = s.History.Count > 0 ? s.History[^1].Timestamp : started.Timestamp;
        // What was stored is what is stored: the next write only carries what changes from here.
        i.Stored = new StoredImage
        {
            History = [.. s.History],
            Inbox = [.. s.Inbox],
            CustomStatusStored = s.CustomStatusStored,
            CustomStatus = s.CustomStatus,
            MetadataStored = true,
            Generation = s.Generation,
        };
        return i;
    }

    /// <summary>Activities the current execution scheduled whose result is neither in history nor in the inbox.</summary>
    public static IEnumerable<HistoryEvent> UnansweredActivities(InstanceRecord i)
    {
        var answered = i.History.Concat(i.Inbox)
            .Select(e => e.TaskCompleted?.TaskScheduledId ?? e.TaskFailed?.TaskScheduledId)
            .OfType<int>().ToHashSet();
        return i.History.Where(e => e.TaskScheduled is not null && !answered.Contains(e.EventId));
    }

    /// <summary>Timers the current execution created that have not fired into its history.</summary>
    public static IEnumerable<HistoryEvent> UnfiredTimers(InstanceRecord i)
    {
        var fired = i.History.Where(e => e.TimerFired is not null).Select(e => e.TimerFired.TimerId).ToHashSet();
        return i.History.Where(e => e.TimerCreated is not null && !fired.Contains(e.EventId));
    }
}
