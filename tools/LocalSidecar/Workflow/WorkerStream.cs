namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// One open <c>GetWorkItems</c> stream of a worker. Work handed to it stays claimed by it until the
/// worker reports the result; if the stream ends first, daprd re-dispatches that work elsewhere.
/// </summary>
sealed class WorkerStream(long id, CancellationTokenSource lifetime)
{
    public long Id { get; } = id;

    /// <summary>Work sent on this stream whose result has not come back yet.</summary>
    public HashSet<PendingWork> Claimed { get; } = [];

    public CancellationToken Ending => lifetime.Token;

    /// <summary>Ends the stream from the sidecar side, as daprd does when a send times out.</summary>
    public void Drop() => lifetime.Cancel();
}
