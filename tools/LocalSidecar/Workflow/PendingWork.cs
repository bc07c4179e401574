namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// A work item waiting for, or out at, a worker: a workflow turn or an activity. Every dispatch gets a
/// fresh completion token so a late reply to a superseded dispatch can be told apart and ignored.
/// </summary>
abstract class PendingWork(InstanceRecord instance)
{
    public InstanceRecord Instance { get; } = instance;
    public WorkerStream? Worker { get; private set; }
    public string? CompletionToken { get; private set; }
    public bool IsDispatched => Worker is not null;

    public void ClaimBy(WorkerStream worker)
    {
        Worker = worker;
        CompletionToken = Guid.NewGuid().ToString();
        worker.Claimed.Add(this);
    }

    /// <summary>Forgets the dispatch (result arrived, stream ended or the work became moot).</summary>
    public void Release()
    {
        Worker?.Claimed.Remove(this);
        Worker = null;
        CompletionToken = null;
    }

    /// <summary>The SDK echoes the token; an empty one (older workers) is taken as the current dispatch.</summary>
    public bool IsAnsweredBy(string? token) =>
        IsDispatched && (string.IsNullOrEmpty(token) || token == CompletionToken);
}
