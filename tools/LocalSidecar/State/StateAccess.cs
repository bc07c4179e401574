using DaprShop.LocalSidecar.Cluster;
using Grpc.Core;

namespace DaprShop.LocalSidecar.State;

/// <summary>A refused state call: the gRPC status daprd would answer (HTTP API maps it to a status code).</summary>
public sealed class StateAccessException(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;
    public int HttpStatus => Code switch
    {
        StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
    public string ErrorCode => Code switch
    {
        StatusCode.Aborted => "ERR_STATE_SAVE",
        StatusCode.InvalidArgument => "ERR_STATE_STORE_NOT_FOUND",
        _ => "ERR_STATE_SAVE",
    };
}

/// <summary>
/// The state API of one sidecar over the cluster's stores, shared by the gRPC and HTTP surfaces:
/// component lookup and scoping, key prefixing, injected faults, ETag errors, recording.
/// </summary>
public sealed class StateAccess(AppSidecar sidecar)
{
    LocalDaprCluster Cluster => sidecar.Cluster;

    public (StateStoreEngine Store, StateKeys Keys) Open(string op, string storeName, string target)
    {
        var component = Cluster.Resources.Find("state", storeName);
        // daprd only loads components scoped to the app, so a foreign store looks exactly like a missing one.
        if (component is null || !sidecar.CanUse(component) || !Cluster.StateStores.TryGetValue(storeName, out var store))
            throw Refuse(op, target, StatusCode.InvalidArgument, $"state store {storeName} is not found");
        return (store, new StateKeys(component, sidecar.AppId));
    }

    public StateEntry? Get(string storeName, string key)
    {
        var (store, keys) = Open("get", storeName, $"{storeName}/{key}");
        var entry = store.Get(keys.Prefixed(key));
        Cluster.Calls.Record(sidecar.AppId, "state", "get", $"{storeName}/{key}", entry is null ? "ok: not found" : "ok");
        return entry;
    }

    public void Write(StateStoreEngine store, string op, string target, IReadOnlyList<StateWrite> writes)
    {
        if (Cluster.Faults.TakeStateWriteFailure(sidecar.AppId))
            throw Refuse(op, target, StatusCode.Internal, $"failed saving state in state store {store.Name}: injected fault");
        try
        {
            store.Apply(writes);
            Cluster.Calls.Record(sidecar.AppId, "state", op, target);
        }
        catch (EtagException e)
        {
            var code = e.Failure == EtagFailure.Mismatch ? StatusCode.Aborted : StatusCode.InvalidArgument;
            throw Refuse(op, target, code, $"failed {op} state with key(s) {target}: {e.Message}");
        }
    }

    public static TimeSpan? Ttl(IEnumerable<KeyValuePair<string, string>> metadata) =>
        metadata.FirstOrDefault(kv => kv.Key == "ttlInSeconds").Value is { } s && int.TryParse(s, out var secs) && secs > 0
            ? TimeSpan.FromSeconds(secs) : null;

    StateAccessException Refuse(string op, string target, StatusCode code, string message)
    {
        Cluster.Calls.Record(sidecar.AppId, "state", op, target, $"{code.ToString().ToLowerInvariant()}: {message}");
        return new StateAccessException(code, message);
    }
}
