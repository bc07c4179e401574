using Dapr.DurableTask.Protobuf;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// One run of the workflow function: the worker gets the committed history plus the new events
/// (a <c>WorkflowStarted</c> marker and the inbox as it was at dispatch) and answers with actions.
/// The new events are rebuilt on every dispatch, so a turn lost with its worker leaves no trace.
/// </summary>
sealed class WorkflowTurn(InstanceRecord instance) : PendingWork(instance)
{
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>How many inbox events this dispatch showed; events arriving later wait for the next turn.</summary>
    public int InboxCount { get; set; }
}
