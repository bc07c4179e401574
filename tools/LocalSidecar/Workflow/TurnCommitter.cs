using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// Turns a worker's answer to a workflow turn into history and side effects, as durabletask-go's
/// applier does for daprd: the turn's new events are committed, then one history event per action
/// with <c>EventId = action.Id</c> (the SDK matches its pending actions by that id on replay).
/// Runs under the app's lock.
/// </summary>
sealed class TurnCommitter(AppWorkflows app)
{
    public void Commit(InstanceRecord i, WorkflowTurn turn, WorkflowResponse response)
    {
        var now = app.Now();
        if (response.Version is { } version) turn.NewEvents[0].WorkflowStarted.Version = version;
        i.Inbox.RemoveRange(0, turn.InboxCount);
        ExecutionTerminatedEvent? terminate = null;
        foreach (var e in turn.NewEvents)
        {
            i.History.Add(e);
            switch (e.EventTypeCase)
            {
                case HistoryEvent.EventTypeOneofCase.ExecutionStarted when i.Status == OrchestrationStatus.Pending:
                    i.Status = OrchestrationStatus.Running;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionSuspended when i.Status == OrchestrationStatus.Running:
                    i.Status = OrchestrationStatus.Suspended;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionResumed when i.Status == OrchestrationStatus.Suspended:
                    i.Status = OrchestrationStatus.Running;
                    break;
                case HistoryEvent.EventTypeOneofCase.ExecutionTerminated:
                    terminate ??= e.ExecutionTerminated;
                    break;
            }
        }
        // daprd overwrites the custom status every turn, so a turn that sets none clears it.
        i.CustomStatus = response.CustomStatus;
        i.LastUpdated = now;

        if (terminate is not null)
        {
            // Whatever the worker answered, a terminate request ends the execution; the worker's own
            // Terminated completion keeps its (absent) result, anything else gets the terminate output.
            var own = response.Actions.FirstOrDefault(a => a.CompleteWorkflow?.WorkflowStatus == OrchestrationStatus.Terminated);
            app.Finish(i, new HistoryEvent
            {
                EventId = own?.Id ?? -1,
                Timestamp = now,
                ExecutionCompleted = new ExecutionCompletedEvent
                {
                    WorkflowStatus = OrchestrationStatus.Terminated,
                    Result = own is null ? terminate.Input : own.CompleteWorkflow.Result,
                },
            }, terminate.Recurse);
            return;
        }

        // A stalled instance answered normally again (e.g. by a worker with the right version).
        if (i.Status == OrchestrationStatus.Stalled) i.Status = OrchestrationStatus.Running;
        foreach (var action in response.Actions)
        {
            if (!Apply(i, action, now)) break;
        }
    }

    /// <summary>Applies one action; false when it ended the execution so later actions are ignored.</summary>
    bool Apply(InstanceRecord i, WorkflowAction action, Timestamp now)
    {
        var e = new HistoryEvent { EventId = action.Id, Timestamp = now };
        switch (action.WorkflowActionTypeCase)
        {
            case WorkflowAction.WorkflowActionTypeOneofCase.ScheduleTask:
                ScheduleTask(i, action, e);
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CreateTimer:
                e.TimerCreated = TimerCreated(action.CreateTimer);
                i.History.Add(e);
                app.ScheduleTimer(i, action.Id, action.CreateTimer.FireAt);
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CreateChildWorkflow:
                CreateChild(i, action, e);
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.SendEvent:
                SendEvent(i, action.SendEvent, e);
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CreateDetachedWorkflow:
                CreateDetached(action.CreateDetachedWorkflow, e, i);
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.TerminateWorkflow:
                // No history event in durabletask-go either: it only reaches the other instance.
                if (app.Find(action.TerminateWorkflow.InstanceId) is { IsTerminal: false } target && target != i)
                    app.Deliver(target, new HistoryEvent
                    {
                        EventId = -1,
                        Timestamp = now,
                        ExecutionTerminated = new ExecutionTerminatedEvent { Input = action.TerminateWorkflow.Reason, Recurse = action.TerminateWorkflow.Recurse },
                    });
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.WorkflowVersionNotAvailable:
                Stall(i, e, StalledReason.VersionNotAvailable, "workflow version not available");
                return false;
            case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow:
                return Complete(i, action.CompleteWorkflow, e);
            default:
                return true;
        }
    }

    void ScheduleTask(InstanceRecord i, WorkflowAction action, HistoryEvent e)
    {
        var a = action.ScheduleTask;
        e.TaskScheduled = new TaskScheduledEvent { Name = a.Name, Version = a.Version, Input = a.Input, TaskExecutionId = a.TaskExecutionId };
        e.Router = action.Router;
        i.History.Add(e);
        var target = action.Router?.TargetAppID;
        if (!string.IsNullOrEmpty(target) && target != app.AppId)
        {
            // Cross-app activities would need the target app's worker; the stand-in fails them visibly.
            app.Deliver(i, new HistoryEvent
            {
                EventId = -1,
                Timestamp = app.Now(),
                TaskFailed = new TaskFailedEvent
                {
                    TaskScheduledId = action.Id,
                    TaskExecutionId = a.TaskExecutionId,
                    FailureDetails = new TaskFailureDetails
                    {
                        ErrorType = "CrossAppNotSupported",
                        ErrorMessage = $"the local sidecar does not route activities to other apps ('{target}')",
                        IsNonRetriable = true,
                    },
                },
            });
            return;
        }
        app.ScheduleActivity(new ActivityTask(i, i.ExecutionId, action.Id, e.TaskScheduled));
    }

    static TimerCreatedEvent TimerCreated(CreateTimerAction a)
    {
        // The SDK recognises its optional event-timeout timers by origin + fire time; both must survive verbatim.
        var t = new TimerCreatedEvent { FireAt = a.FireAt, Name = a.Name };
        switch (a.OriginCase)
        {
            case CreateTimerAction.OriginOneofCase.CreateTimer: t.CreateTimer = a.CreateTimer; break;
            case CreateTimerAction.OriginOneofCase.ExternalEvent: t.ExternalEvent = a.ExternalEvent; break;
            case CreateTimerAction.OriginOneofCase.ActivityRetry: t.ActivityRetry = a.ActivityRetry; break;
            case CreateTimerAction.OriginOneofCase.ChildWorkflowRetry: t.ChildWorkflowRetry = a.ChildWorkflowRetry; break;
        }
        return t;
    }

    void CreateChild(InstanceRecord parent, WorkflowAction action, HistoryEvent e)
    {
        var c = action.CreateChildWorkflow;
        e.ChildWorkflowInstanceCreated = new ChildWorkflowInstanceCreatedEvent { InstanceId = c.InstanceId, Name = c.Name, Version = c.Version, Input = c.Input };
        e.Router = action.Router;
        parent.History.Add(e);
        string? refusal = null;
        var target = action.Router?.TargetAppID;
        if (!string.IsNullOrEmpty(target) && target != app.AppId)
            refusal = $"the local sidecar does not start child workflows in other apps ('{target}')";
        else if (app.Find(c.InstanceId) is { IsTerminal: false })
            refusal = $"an active workflow with ID '{c.InstanceId}' already exists";
        if (refusal is not null)
        {
            app.Deliver(parent, new HistoryEvent
            {
                EventId = -1,
                Timestamp = app.Now(),
                ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent
                {
                    TaskScheduledId = action.Id,
                    FailureDetails = new TaskFailureDetails { ErrorType = "ChildWorkflowNotStarted", ErrorMessage = refusal, IsNonRetriable = true },
                },
            });
            return;
        }
        var parentInfo = new ParentInstanceInfo
        {
            TaskScheduledId = action.Id,
            Name = parent.Name,
            Version = parent.Version,
            AppID = app.AppId,
            WorkflowInstance = new Dapr.DurableTask.Protobuf.WorkflowInstance { InstanceId = parent.InstanceId, ExecutionId = parent.ExecutionId },
        };
        app.Create(c.InstanceId, c.Name, c.Input, c.Version, parentInfo, trace: null, scheduledStart: null);
    }

    void SendEvent(InstanceRecord i, SendEventAction a, HistoryEvent e)
    {
        e.EventSent = new EventSentEvent { InstanceId = a.Instance?.InstanceId ?? "", Name = a.Name, Input = a.Data };
        i.History.Add(e);
        if (app.Find(e.EventSent.InstanceId) is { } target)
            app.Deliver(target, new HistoryEvent
            {
                EventId = -1,
                Timestamp = app.Now(),
                EventRaised = new EventRaisedEvent { Name = a.Name, Input = a.Data },
            });
    }

    void CreateDetached(CreateDetachedWorkflowAction a, HistoryEvent e, InstanceRecord i)
    {
        e.DetachedWorkflowInstanceCreated = new DetachedWorkflowInstanceCreatedEvent { InstanceId = a.InstanceId };
        i.History.Add(e);
        if (app.Find(a.InstanceId) is { IsTerminal: false }) return;
        app.Create(a.InstanceId, a.Name, a.Input, a.Version, parent: null, a.ParentTraceContext, a.ScheduledStartTimestamp);
    }

    bool Complete(InstanceRecord i, CompleteWorkflowAction c, HistoryEvent e)
    {
        switch (c.WorkflowStatus)
        {
            case OrchestrationStatus.ContinuedAsNew:
                app.ContinueAsNew(i, c.Result, c.CarryoverEvents);
                return false;
            case OrchestrationStatus.Stalled:
                Stall(i, e, StalledReason.PatchMismatch, c.Details);
                return false;
            default:
                e.ExecutionCompleted = new ExecutionCompletedEvent { WorkflowStatus = c.WorkflowStatus, Result = c.Result, FailureDetails = c.FailureDetails };
                app.Finish(i, e, terminateChildren: false);
                return false;
        }
    }

    /// <summary>A stalled instance keeps its place (not terminal) until a worker that can run it answers differently.</summary>
    void Stall(InstanceRecord i, HistoryEvent e, StalledReason reason, string? description)
    {
        e.ExecutionStalled = new ExecutionStalledEvent { Reason = reason, Description = description ?? "" };
        i.History.Add(e);
        i.Status = OrchestrationStatus.Stalled;
        app.Record($"workflow-stalled-{reason.ToString().ToLowerInvariant()}", i.InstanceId);
    }
}
