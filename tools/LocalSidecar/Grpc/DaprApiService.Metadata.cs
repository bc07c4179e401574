using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindMetadata(ServiceBinderBase b) =>
        Unary(b, nameof(GetMetadata), GetMetadataRequest.Parser, GetMetadataResponse.Parser);

    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest r, ServerCallContext c)
    {
        var res = new GetMetadataResponse { Id = AppId, RuntimeVersion = "local-sidecar" };
        foreach (var comp in Cluster.Resources.Components.Where(Sidecar.CanUse))
            res.RegisteredComponents.Add(new RegisteredComponents { Name = comp.Name, Type = comp.Type, Version = comp.Version });
        foreach (var t in Cluster.Actors.TypesHostedBy(AppId))
            res.ActorRuntime ??= new ActorRuntime();
        Cluster.Calls.Record(AppId, "metadata", "get", AppId);
        return Task.FromResult(res);
    }
}
