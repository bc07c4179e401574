using Dapr.Client.Autogen.Grpc.v1;
using DaprShop.LocalSidecar.Secrets;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Grpc;

public partial class DaprApiService
{
    static void BindSecrets(ServiceBinderBase b)
    {
        Unary(b, nameof(GetSecret), GetSecretRequest.Parser, GetSecretResponse.Parser);
        Unary(b, nameof(GetBulkSecret), GetBulkSecretRequest.Parser, GetBulkSecretResponse.Parser);
    }

    public virtual Task<GetSecretResponse> GetSecret(GetSecretRequest r, ServerCallContext c)
    {
        var res = new GetSecretResponse();
        foreach (var (k, v) in GuardSecrets(() => Cluster.Secrets.Get(Sidecar, r.StoreName, r.Key))) res.Data[k] = v;
        return Task.FromResult(res);
    }

    public virtual Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest r, ServerCallContext c)
    {
        var res = new GetBulkSecretResponse();
        foreach (var (key, values) in GuardSecrets(() => Cluster.Secrets.GetBulk(Sidecar, r.StoreName)))
        {
            var item = new SecretResponse();
            foreach (var (k, v) in values) item.Secrets[k] = v;
            res.Data[key] = item;
        }
        return Task.FromResult(res);
    }

    static T GuardSecrets<T>(Func<T> call)
    {
        try { return call(); }
        catch (SecretAccessException e) { throw new RpcException(new Status(e.Code, e.Message)); }
    }
}
