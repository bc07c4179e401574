using Dapr.Client.Autogen.Grpc.v1;
using DaprShop.LocalSidecar.Bindings;
using Google.Protobuf;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindBindings(ServiceBinderBase b) =>
        Unary(b, nameof(InvokeBinding), InvokeBindingRequest.Parser, InvokeBindingResponse.Parser);

    public virtual async Task<InvokeBindingResponse> InvokeBinding(InvokeBindingRequest r, ServerCallContext c)
    {
        try
        {
            var result = await Cluster.Bindings.InvokeAsync(Sidecar, r.Name, r.Operation, r.Data.ToByteArray(),
                new Dictionary<string, string>(r.Metadata), c.CancellationToken);
            var res = new InvokeBindingResponse { Data = result is null ? ByteString.Empty : ByteString.CopyFrom(result.Data) };
            foreach (var (k, v) in result?.Metadata ?? new Dictionary<string, string>()) res.Metadata[k] = v;
            return res;
        }
        catch (OutputBindingException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, e.Message));
        }
    }
}
