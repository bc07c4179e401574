using DaprShop.LocalSidecar.Cluster;
using Google.Protobuf;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Grpc;

/// <summary>
/// The sidecar's <c>dapr.proto.runtime.v1.Dapr</c> gRPC service, bound by hand over the message
/// classes of <c>Dapr.Protos</c> (the package ships client stubs only). Grpc.AspNetCore finds
/// <see cref="BindService"/> through the attribute and resolves each handler by name: every RPC is a
/// public virtual method named after it. RPCs not bound here answer UNIMPLEMENTED, as an old daprd would.
/// One partial file per building block.
/// </summary>
[BindServiceMethod(typeof(DaprApiService), nameof(BindService))]
public partial class DaprApiService
{
    const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    /// <summary>Set once by the sidecar that hosts this service.</summary>
    public AppSidecar Sidecar { get; set; } = null!;

    LocalDaprCluster Cluster => Sidecar.Cluster;
    string AppId => Sidecar.AppId;

    public static void BindService(ServiceBinderBase binder, DaprApiService? service)
    {
        BindState(binder);
        BindPubSub(binder);
        BindBindings(binder);
        BindSecrets(binder);
        BindConfiguration(binder);
        BindMetadata(binder);
    }

    static Marshaller<T> Marshal<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    static void Unary<TReq, TRes>(ServiceBinderBase b, string name, MessageParser<TReq> req, MessageParser<TRes> res)
        where TReq : class, IMessage<TReq> where TRes : class, IMessage<TRes> =>
        b.AddMethod(new Method<TReq, TRes>(MethodType.Unary, ServiceName, name, Marshal(req), Marshal(res)),
            (UnaryServerMethod<TReq, TRes>)null!);

    static void ServerStreaming<TReq, TRes>(ServiceBinderBase b, string name, MessageParser<TReq> req, MessageParser<TRes> res)
        where TReq : class, IMessage<TReq> where TRes : class, IMessage<TRes> =>
        b.AddMethod(new Method<TReq, TRes>(MethodType.ServerStreaming, ServiceName, name, Marshal(req), Marshal(res)),
            (ServerStreamingServerMethod<TReq, TRes>)null!);

    /// <summary>Records the call and returns an RpcException daprd-style; use as <c>throw Fail(...)</c>.</summary>
    RpcException Fail(string api, string op, string target, StatusCode code, string message)
    {
        Cluster.Calls.Record(AppId, api, op, target, $"{code.ToString().ToLowerInvariant()}: {message}");
        return new RpcException(new Status(code, message));
    }
}
