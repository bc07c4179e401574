using Dapr.DurableTask.Protobuf;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// An activity scheduled by a committed turn and not yet answered. Keyed by (instance, task id);
/// the execution id keeps a result from before a continue-as-new from landing in the new execution.
/// </summary>
sealed class ActivityTask(InstanceRecord instance, string executionId, int taskId, TaskScheduledEvent scheduled)
    : PendingWork(instance)
{
    public string ExecutionId { get; } = executionId;
    public int TaskId { get; } = taskId;
    public TaskScheduledEvent Scheduled { get; } = scheduled;
}
