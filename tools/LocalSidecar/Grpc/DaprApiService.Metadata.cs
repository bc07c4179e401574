using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindMetadata(ServiceBinderBase b)
    {
        Unary(b, nameof(GetMetadata), GetMetadataRequest.Parser, GetMetadataResponse.Parser);
        Unary(b, nameof(SetMetadata), SetMetadataRequest.Parser, Empty.Parser);
        Unary(b, nameof(Shutdown), ShutdownRequest.Parser, Empty.Parser);
    }

    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest r, ServerCallContext c)
    {
        var res = new GetMetadataResponse { Id = AppId, RuntimeVersion = DaprShop.LocalSidecar.Cluster.MetadataView.RuntimeVersion };
        foreach (var comp in Cluster.Resources.Components.Where(Sidecar.CanUse))
            res.RegisteredComponents.Add(new RegisteredComponents { Name = comp.Name, Type = comp.Type, Version = comp.Version });
        foreach (var (k, v) in Sidecar.ExtendedMetadata) res.ExtendedMetadata[k] = v;
        res.ExtendedMetadata["daprRuntimeVersion"] = DaprShop.LocalSidecar.Cluster.MetadataView.RuntimeVersion;
        foreach (var t in Cluster.Actors.TypesHostedBy(AppId))
            res.ActorRuntime ??= new ActorRuntime();
        Cluster.Calls.Record(AppId, "metadata", "get", AppId);
        return Task.FromResult(res);
    }

    /// <summary>An empty key is a no-op, as in daprd.</summary>
    public virtual Task<Empty> SetMetadata(SetMetadataRequest r, ServerCallContext c)
    {
        if (r.Key.Length > 0)
        {
            Sidecar.ExtendedMetadata[r.Key] = r.Value;
            Cluster.Calls.Record(AppId, "metadata", "set", r.Key);
        }
        return Task.FromResult(new Empty());
    }

    /// <summary>daprd answers, then shuts down in the background.</summary>
    public virtual Task<Empty> Shutdown(ShutdownRequest r, ServerCallContext c)
    {
        _ = Task.Run(async () =>
        {
            await Task.Yield();
            await Sidecar.ShutdownAsync();
        });
        return Task.FromResult(new Empty());
    }
}
