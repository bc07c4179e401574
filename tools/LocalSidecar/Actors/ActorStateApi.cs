using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Actor state over the cluster's <c>actorStateStore</c> component, under daprd's key
/// <c>{appId}||{actorType}||{actorId}||{key}</c>. As in daprd, a transaction needs the actor active in this
/// sidecar's app (otherwise ERR_ACTOR_INSTANCE_MISSING); a read does not.
/// </summary>
internal sealed class ActorStateApi(AppSidecar sidecar)
{
    LocalDaprCluster Cluster => sidecar.Cluster;

    public StateEntry? Get(string type, string id, string key)
    {
        var target = $"{type}/{id}/{key}";
        var store = Open("get-state", type, id, target, requireActive: false);
        StateEntry? entry;
        try { entry = store.Get(Key(type, id, key)); }
        catch (StateStoreException e)
        {
            throw Refuse("get-state", target, new ActorApiException(StatusCodes.Status500InternalServerError, "ERR_ACTOR_STATE_GET",
                $"error getting actor state: {e.Message}"));
        }
        Cluster.Calls.Record(sidecar.AppId, "actors", "get-state", target, entry is null ? "ok: not found" : "ok");
        return entry;
    }

    /// <summary>Applies <c>[{"operation":"upsert"|"delete","request":{"key","value","metadata"}}]</c> all or nothing.</summary>
    public void Transaction(string type, string id, JsonElement operations)
    {
        var target = $"{type}/{id}";
        if (operations.ValueKind != JsonValueKind.Array)
            throw Refuse("state-transaction", target, new ActorApiException(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST",
                "failed deserializing HTTP body: expected an array of operations"));
        var store = Open("state-transaction", type, id, target, requireActive: true);
        var writes = new List<StateWrite>();
        foreach (var op in operations.EnumerateArray())
        {
            var kind = op.TryGetProperty("operation", out var o) ? o.GetString() : null;
            if (!op.TryGetProperty("request", out var req) || !req.TryGetProperty("key", out var k) || k.GetString() is not { Length: > 0 } key)
                throw Refuse("state-transaction", target, new ActorApiException(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST",
                    "failed deserializing HTTP body: operation without request.key"));
            switch (kind?.ToLowerInvariant())
            {
                case "upsert":
                    var value = req.TryGetProperty("value", out var v) ? Encoding.UTF8.GetBytes(v.GetRawText()) : [];
                    writes.Add(new StateWrite(Key(type, id, key), false, value, null, false, Ttl(req)));
                    break;
                case "delete":
                    writes.Add(new StateWrite(Key(type, id, key), true, null, null, false, null));
                    break;
                default:
                    throw Refuse("state-transaction", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                        "ERR_ACTOR_STATE_TRANSACTION_SAVE", $"error saving actor transaction state: operation type {kind} not supported"));
            }
        }
        if (Cluster.Faults.TakeStateWriteFailure(sidecar.AppId))
            throw Refuse("state-transaction", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                "ERR_ACTOR_STATE_TRANSACTION_SAVE", $"error saving actor transaction state: failed saving state in state store {store.Name}: injected fault"));
        try { store.Apply(writes); }
        catch (StateStoreException e)
        {
            throw Refuse("state-transaction", target, new ActorApiException(StatusCodes.Status500InternalServerError,
                "ERR_ACTOR_STATE_TRANSACTION_SAVE", $"error saving actor transaction state: {e.Message}"));
        }
        Cluster.Calls.Record(sidecar.AppId, "actors", "state-transaction", target);
    }

    string Key(string type, string id, string key) => $"{sidecar.AppId}||{type}||{id}||{key}";

    static TimeSpan? Ttl(JsonElement request) =>
        request.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? StateAccess.Ttl(m.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)))
            : null;

    IStateStoreEngine Open(string op, string type, string id, string target, bool requireActive)
    {
        var component = Cluster.Resources.OfKind("state").FirstOrDefault(c => c.MetaFlag("actorStateStore") && sidecar.CanUse(c));
        if (component is null || !Cluster.StateStores.TryGetValue(component.Name, out var store))
            throw Refuse(op, target, new ActorApiException(StatusCodes.Status500InternalServerError, "ERR_ACTOR_RUNTIME_NOT_FOUND",
                "the state store is not configured to use the actor runtime. Have you set the - name: actorStateStore value: \"true\" in your state store component file?"));
        if (requireActive && (Cluster.Actors.Find(type)?.Sidecar != sidecar || !Cluster.Actors.IsActive(type, id)))
            throw Refuse(op, target, ActorApiException.InstanceMissing());
        return store;
    }

    ActorApiException Refuse(string op, string target, ActorApiException e)
    {
        Cluster.Calls.Record(sidecar.AppId, "actors", op, target, $"{e.ErrorCode}: {e.Message}");
        return e;
    }
}
