using DaprShop.LocalSidecar.State;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;
using Concurrency = Dapr.Client.Autogen.Grpc.v1.StateOptions.Types.StateConcurrency;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindState(ServiceBinderBase b)
    {
        Unary(b, nameof(GetState), GetStateRequest.Parser, GetStateResponse.Parser);
        Unary(b, nameof(GetBulkState), GetBulkStateRequest.Parser, GetBulkStateResponse.Parser);
        Unary(b, nameof(SaveState), SaveStateRequest.Parser, Empty.Parser);
        Unary(b, nameof(DeleteState), DeleteStateRequest.Parser, Empty.Parser);
        Unary(b, nameof(DeleteBulkState), DeleteBulkStateRequest.Parser, Empty.Parser);
        Unary(b, nameof(ExecuteStateTransaction), ExecuteStateTransactionRequest.Parser, Empty.Parser);
    }

    public virtual Task<GetStateResponse> GetState(GetStateRequest r, ServerCallContext c)
    {
        var entry = Guard(() => State.Get(r.StoreName, r.Key));
        var res = new GetStateResponse { Data = entry is null ? ByteString.Empty : ByteString.CopyFrom(entry.Value), Etag = entry?.Etag ?? "" };
        if (entry?.ExpiresAt is { } at) res.Metadata["ttlExpireTime"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(res);
    }

    public virtual Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest r, ServerCallContext c)
    {
        var (store, keys) = StoreFor("bulk-get", r.StoreName, string.Join(',', r.Keys));
        var res = new GetBulkStateResponse();
        foreach (var key in r.Keys)
        {
            var entry = Guard(() => State.Read(store, keys.Prefixed(key), "bulk-get", $"{r.StoreName}/{key}"));
            res.Items.Add(new BulkStateItem { Key = key, Data = entry is null ? ByteString.Empty : ByteString.CopyFrom(entry.Value), Etag = entry?.Etag ?? "" });
        }
        Cluster.Calls.Record(AppId, "state", "bulk-get", $"{r.StoreName}/{string.Join(',', r.Keys)}");
        return Task.FromResult(res);
    }

    public virtual Task<Empty> SaveState(SaveStateRequest r, ServerCallContext c)
    {
        var target = $"{r.StoreName}/{string.Join(',', r.States.Select(s => s.Key))}";
        var (store, keys) = StoreFor("save", r.StoreName, target);
        Write(store, "save", target, r.States.Select(s => ToWrite(keys, s.Key, false, s.Value, s.Etag, s.Options, s.Metadata)).ToList());
        return Task.FromResult(new Empty());
    }

    public virtual Task<Empty> DeleteState(DeleteStateRequest r, ServerCallContext c)
    {
        var target = $"{r.StoreName}/{r.Key}";
        var (store, keys) = StoreFor("delete", r.StoreName, target);
        Write(store, "delete", target, [ToWrite(keys, r.Key, true, null, r.Etag, r.Options, r.Metadata)]);
        return Task.FromResult(new Empty());
    }

    public virtual Task<Empty> DeleteBulkState(DeleteBulkStateRequest r, ServerCallContext c)
    {
        var target = $"{r.StoreName}/{string.Join(',', r.States.Select(s => s.Key))}";
        var (store, keys) = StoreFor("bulk-delete", r.StoreName, target);
        // daprd deletes bulk items one by one (not as a transaction), every one attempted.
        RpcException? first = null;
        foreach (var s in r.States)
        {
            try { Write(store, "delete", $"{r.StoreName}/{s.Key}", [ToWrite(keys, s.Key, true, null, s.Etag, s.Options, s.Metadata)]); }
            catch (RpcException e) { first ??= e; }
        }
        return first is null ? Task.FromResult(new Empty()) : throw first;
    }

    public virtual Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest r, ServerCallContext c)
    {
        var target = $"{r.StoreName}/{string.Join(',', r.Operations.Select(o => o.Request.Key))}";
        var (store, keys) = StoreFor("transaction", r.StoreName, target);
        var writes = new List<StateWrite>();
        foreach (var op in r.Operations)
        {
            var isDelete = op.OperationType switch
            {
                "upsert" => false,
                "delete" => true,
                _ => throw Fail("state", "transaction", target, StatusCode.InvalidArgument, $"operation type {op.OperationType} not supported"),
            };
            var meta = new Dictionary<string, string>(r.Metadata);
            foreach (var (k, v) in op.Request.Metadata) meta[k] = v;
            writes.Add(ToWrite(keys, op.Request.Key, isDelete, op.Request.Value, op.Request.Etag, op.Request.Options, meta));
        }
        Guard(() => { State.Transact(store, target, writes); return 0; });
        return Task.FromResult(new Empty());
    }

    (IStateStoreEngine Store, StateKeys Keys) StoreFor(string op, string storeName, string target) =>
        Guard(() => State.Open(op, storeName, target));

    static StateWrite ToWrite(StateKeys keys, string key, bool isDelete, ByteString? value, Etag? etag, StateOptions? options,
        IDictionary<string, string> metadata)
    {
        // The engine applies daprd's rules (a set under last-write ignores the ETag, a delete never does).
        return new StateWrite(keys.Prefixed(key), isDelete, value?.ToByteArray(), etag?.Value,
            options?.Concurrency == Concurrency.ConcurrencyFirstWrite, StateAccess.Ttl(metadata),
            LastWrite: options?.Concurrency == Concurrency.ConcurrencyLastWrite);
    }

    void Write(IStateStoreEngine store, string op, string target, IReadOnlyList<StateWrite> writes) =>
        Guard(() => { State.Write(store, op, target, writes); return 0; });

    StateAccess State => _state ??= new StateAccess(Sidecar);
    StateAccess? _state;

    static T Guard<T>(Func<T> call)
    {
        try { return call(); }
        catch (StateAccessException e) { throw new RpcException(new Status(e.Code, e.Message)); }
    }
}
