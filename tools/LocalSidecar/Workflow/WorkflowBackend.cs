using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The cluster's workflow engine: per app-id a set of instances (daprd scopes workflow actors to
/// their app), kept in memory for the life of the cluster so apps can stop and restart around them.
/// </summary>
public sealed class WorkflowBackend : IAsyncDisposable
{
    readonly LocalDaprCluster _cluster;
    readonly ConcurrentDictionary<string, AppWorkflows> _apps = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _shutdown = new();
    // Captured once: the source's Token property throws after disposal, but calls still in flight
    // during cluster shutdown may ask for an app's workflows.
    readonly CancellationToken _stopping;
    bool _disposed;

    public WorkflowBackend(LocalDaprCluster cluster)
    {
        _cluster = cluster;
        _stopping = _shutdown.Token;
    }

    /// <summary>The workflows of one app-id (created on first use).</summary>
    public AppWorkflows For(string appId) =>
        _apps.GetOrAdd(appId, id => new AppWorkflows(_cluster, id, _stopping));

    public IReadOnlyCollection<AppWorkflows> Apps => _apps.Values.ToList();

    /// <summary>Ends worker streams, waits and timers; instances are dropped with the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _shutdown.CancelAsync();
        _shutdown.Dispose();
    }
}
