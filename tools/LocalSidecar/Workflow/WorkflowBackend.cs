using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// The cluster's workflow engine: per app-id a set of instances (daprd scopes workflow actors to
/// their app), kept in memory for the life of the cluster so apps can stop and restart around them.
/// With a Redis actor state store, as daprd they are also kept there (<see cref="WorkflowStateStore"/>), one
/// transaction per change, and a cluster starting on that store takes over the instances it finds.
/// </summary>
public sealed class WorkflowBackend : IAsyncDisposable
{
    readonly LocalDaprCluster _cluster;
    readonly ConcurrentDictionary<string, AppWorkflows> _apps = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _shutdown = new();
    // Captured once: the source's Token property throws after disposal, but calls still in flight
    // during cluster shutdown may ask for an app's workflows.
    readonly CancellationToken _stopping;
    readonly WorkflowStateStore? _store;
    bool _disposed;

    public WorkflowBackend(LocalDaprCluster cluster)
    {
        _cluster = cluster;
        _stopping = _shutdown.Token;
        // Only a store that outlives the cluster is worth writing to; in memory the instances already are.
        var actorStore = cluster.Resources.OfKind("state").FirstOrDefault(c => c.MetaFlag("actorStateStore"));
        if (actorStore is not null && cluster.StateStores.GetValueOrDefault(actorStore.Name) is RedisStateStore durable)
            _store = new WorkflowStateStore(durable, cluster.Options.Namespace);
    }

    /// <summary>Whether instances are kept in the actor state store (a Redis one) and outlive the cluster.</summary>
    public bool IsPersistent => _store is not null;

    /// <summary>The workflows of one app-id (created on first use).</summary>
    public AppWorkflows For(string appId) =>
        _apps.GetOrAdd(appId, id => new AppWorkflows(_cluster, id, _store, _stopping));

    /// <summary>Takes over the instances a previous cluster left in the actor state store (at cluster start).</summary>
    internal void Restore()
    {
        if (_store is null) return;
        IReadOnlyList<(string AppId, string InstanceId)> found;
        try { found = _store.FindInstances(); }
        catch (StateStoreException e)
        {
            _cluster.Calls.Record("*", "workflow", "restore", "actor state store", e.Message);
            return;
        }
        foreach (var app in found.GroupBy(f => f.AppId, StringComparer.Ordinal))
        {
            var workflows = For(app.Key);
            var stored = new List<StoredInstance>();
            foreach (var (_, id) in app)
            {
                try
                {
                    if (_store.Load(app.Key, id) is { } s) stored.Add(s);
                }
                catch (Exception e) when (e is FormatException or StateStoreException)
                {
                    workflows.Record("restore", id, e.Message);
                }
            }
            workflows.Restore(stored);
        }
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
