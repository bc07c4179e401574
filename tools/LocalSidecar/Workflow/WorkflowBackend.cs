using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The cluster's workflow engine: per app-id a set of instances (daprd scopes workflow actors to
/// their app), kept in memory for the life of the cluster so apps can stop and restart around them.
/// </summary>
public sealed class WorkflowBackend(LocalDaprCluster cluster) : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, AppWorkflows> _apps = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _shutdown = new();
    bool _disposed;

    /// <summary>The workflows of one app-id (created on first use).</summary>
    public AppWorkflows For(string appId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _apps.GetOrAdd(appId, id => new AppWorkflows(cluster, id, _shutdown.Token));
    }

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
