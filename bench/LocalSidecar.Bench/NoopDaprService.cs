using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Bench;

/// <summary>The baseline: a gRPC server that answers GetState with a constant and does nothing else.</summary>
[BindServiceMethod(typeof(NoopDaprService), nameof(BindService))]
public class NoopDaprService
{
    static readonly GetStateResponse Answer = new() { Data = ByteString.CopyFromUtf8("{\"id\":\"bench\",\"qty\":1}"), Etag = "1" };

    public static void BindService(ServiceBinderBase binder, NoopDaprService? service) =>
        binder.AddMethod(new Method<GetStateRequest, GetStateResponse>(MethodType.Unary, "dapr.proto.runtime.v1.Dapr", nameof(GetState),
                Marshallers.Create(m => m.ToByteArray(), GetStateRequest.Parser.ParseFrom),
                Marshallers.Create(m => m.ToByteArray(), GetStateResponse.Parser.ParseFrom)),
            (UnaryServerMethod<GetStateRequest, GetStateResponse>)null!);

    public virtual Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) => Task.FromResult(Answer);
}
