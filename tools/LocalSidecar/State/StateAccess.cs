using DaprShop.LocalSidecar.Cluster;
using Grpc.Core;

namespace DaprShop.LocalSidecar.State;

/// <summary>A refused state call: the gRPC status daprd would answer (HTTP API maps it to a status code).</summary>
public sealed class StateAccessException(StatusCode code, string message, string? detail = null) : Exception(message)
{
    public StatusCode Code { get; } = code;

    /// <summary>The store's own error (e.g. "possible etag mismatch. …"), which daprd's HTTP messages quote.</summary>
    public string Detail { get; } = detail ?? message;
}

/// <summary>
/// The state API of one sidecar over the cluster's stores, shared by the gRPC and HTTP surfaces:
/// component lookup and scoping, key prefixing, injected faults, ETag errors, recording.
/// </summary>
public sealed class StateAccess(AppSidecar sidecar)
{
    LocalDaprCluster Cluster => sidecar.Cluster;

    public (IStateStoreEngine Store, StateKeys Keys) Open(string op, string storeName, string target)
    {
        // daprd: no state store loaded at all is "not configured" (FailedPrecondition), an unknown name "not found".
        if (!Cluster.Resources.OfKind("state").Any(sidecar.CanUse))
            throw Refuse(op, target, StatusCode.FailedPrecondition, $"state store {storeName} is not configured");
        var component = Cluster.Resources.Find("state", storeName);
        // daprd only loads components scoped to the app, so a foreign store looks exactly like a missing one.
        if (component is null || !sidecar.CanUse(component) || !Cluster.StateStores.TryGetValue(storeName, out var store))
            throw Refuse(op, target, StatusCode.InvalidArgument, $"state store {storeName} is not found");
        return (store, new StateKeys(component, sidecar.AppId));
    }

    public StateEntry? Get(string storeName, string key)
    {
        var (store, keys) = Open("get", storeName, $"{storeName}/{key}");
        StateEntry? entry;
        try { entry = store.Get(keys.Prefixed(key)); }
        catch (StateStoreException e) { throw Refuse("get", $"{storeName}/{key}", StatusCode.Internal, e.Message); }
        Cluster.Calls.Record(sidecar.AppId, "state", "get", $"{storeName}/{key}", entry is null ? "ok: not found" : "ok");
        return entry;
    }

    /// <summary>One read of a bulk get on an opened store; a failing store is daprd's Internal error.</summary>
    public StateEntry? Read(IStateStoreEngine store, string prefixedKey, string op, string target)
    {
        try { return store.Get(prefixedKey); }
        catch (StateStoreException e) { throw Refuse(op, target, StatusCode.Internal, e.Message); }
    }

    /// <summary>
    /// A save or delete: daprd's Set or Delete per item; several items are its BulkSet, each on its own, so every
    /// item is attempted and a refused one does not undo the others. An ETag refusal decides the status code over a
    /// first-write one, as daprd finds the first ETag error in its joined errors.
    /// </summary>
    public void Write(IStateStoreEngine store, string op, string target, IReadOnlyList<StateWrite> writes)
    {
        if (Cluster.Faults.TakeStateWriteFailure(sidecar.AppId))
            throw Refuse(op, target, StatusCode.Internal, $"failed saving state in state store {store.Name}: injected fault", "injected fault");
        EtagException? refused = null;
        try
        {
            foreach (var w in writes)
            {
                try { store.Write(w); }
                catch (EtagException e)
                {
                    if (refused is null || (refused.Failure == EtagFailure.FirstWrite && e.Failure != EtagFailure.FirstWrite)) refused = e;
                }
            }
        }
        catch (StateStoreException e)
        {
            throw Refuse(op, target, StatusCode.Internal, e.Message);
        }
        if (refused is not null)
        {
            var code = refused.Failure switch
            {
                EtagFailure.Mismatch => StatusCode.Aborted,
                EtagFailure.Invalid => StatusCode.InvalidArgument,
                _ => StatusCode.Internal,
            };
            throw Refuse(op, target, code, $"failed {op} state with key(s) {target}: {refused.Message}", refused.Message);
        }
        Cluster.Calls.Record(sidecar.AppId, "state", op, target);
    }

    /// <summary>
    /// A transaction: daprd's Multi (see <see cref="IStateStoreEngine.Apply"/>). daprd answers any failure of it,
    /// an ETag's included, with Internal.
    /// </summary>
    public void Transact(IStateStoreEngine store, string target, IReadOnlyList<StateWrite> writes)
    {
        if (Cluster.Faults.TakeStateWriteFailure(sidecar.AppId))
            throw Refuse("transaction", target, StatusCode.Internal, $"failed saving state in state store {store.Name}: injected fault", "injected fault");
        try
        {
            store.Apply(writes);
            Cluster.Calls.Record(sidecar.AppId, "state", "transaction", target);
        }
        catch (EtagException e)
        {
            throw Refuse("transaction", target, StatusCode.Internal, $"error while executing state transaction: {e.Message}", e.Message);
        }
        catch (StateStoreException e)
        {
            throw Refuse("transaction", target, StatusCode.Internal, e.Message);
        }
    }

    /// <summary>A request's <c>ttlInSeconds</c>: null when it names none, zero for "never expires" (≤ 0, daprd's PERSIST).</summary>
    public static TimeSpan? Ttl(IEnumerable<KeyValuePair<string, string>> metadata) =>
        metadata.FirstOrDefault(kv => kv.Key == "ttlInSeconds").Value is { } s && int.TryParse(s, out var secs)
            ? TimeSpan.FromSeconds(Math.Max(secs, 0)) : null;

    StateAccessException Refuse(string op, string target, StatusCode code, string message, string? detail = null)
    {
        Cluster.Calls.Record(sidecar.AppId, "state", op, target, $"{code.ToString().ToLowerInvariant()}: {message}");
        return new StateAccessException(code, message, detail);
    }
}
