using Dapr.Client.Autogen.Grpc.v1;
using DaprShop.LocalSidecar.PubSub;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindPubSub(ServiceBinderBase b)
    {
        Unary(b, nameof(PublishEvent), PublishEventRequest.Parser, Empty.Parser);
        // SDK 1.19 calls BulkPublishEvent and falls back to the alpha name on UNIMPLEMENTED; daprd serves both.
        Unary(b, nameof(BulkPublishEvent), BulkPublishRequest.Parser, BulkPublishResponse.Parser);
        Unary(b, nameof(BulkPublishEventAlpha1), BulkPublishRequest.Parser, BulkPublishResponse.Parser);
    }

    public virtual Task<Empty> PublishEvent(PublishEventRequest r, ServerCallContext c)
    {
        var publication = new Publication(r.PubsubName, r.Topic, r.Data.ToByteArray(),
            r.DataContentType.Length == 0 ? null : r.DataContentType, new Dictionary<string, string>(r.Metadata));
        PubSubGuard(() => { Cluster.PubSub.Publish(Sidecar, publication, IncomingTrace(c)); return 0; });
        return Task.FromResult(new Empty());
    }

    public virtual Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest r, ServerCallContext c) => BulkPublish(r, c);

    public virtual Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest r, ServerCallContext c) => BulkPublish(r, c);

    Task<BulkPublishResponse> BulkPublish(BulkPublishRequest r, ServerCallContext c)
    {
        var entries = r.Entries.Select(e => new BulkEntry(e.EntryId, e.Event.ToByteArray(),
            e.ContentType.Length == 0 ? null : e.ContentType, new Dictionary<string, string>(e.Metadata))).ToList();
        var failed = PubSubGuard(() => Cluster.PubSub.BulkPublish(Sidecar, r.PubsubName, r.Topic,
            new Dictionary<string, string>(r.Metadata), entries, () => IncomingTrace(c)));
        var res = new BulkPublishResponse();
        foreach (var f in failed) res.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = f.EntryId, Error = f.Error });
        return Task.FromResult(res);
    }

    /// <summary>The span daprd starts for the call: a child of the caller's <c>traceparent</c> or <c>grpc-trace-bin</c>.</summary>
    static TraceContext IncomingTrace(ServerCallContext c)
    {
        var headers = c.RequestHeaders;
        return TraceContext.ChildOf(headers.GetValue("traceparent"), headers.GetValueBytes("grpc-trace-bin"), headers.GetValue("tracestate"));
    }

    static T PubSubGuard<T>(Func<T> call)
    {
        try { return call(); }
        catch (PubSubException e) { throw new RpcException(new Status(e.GrpcCode, e.Message)); }
    }
}
