using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;
using Grpc.Core;

namespace DaprShop.LocalSidecar.Secrets;

/// <summary>
/// The HTTP secrets API: <c>GET /v1.0/secrets/{store}/{key}</c> (→ <c>{key: value}</c>) and <c>/bulk</c>
/// (→ <c>{key: {key: value}}</c>), with daprd's errors: no store loaded 500 ERR_SECRET_STORES_NOT_CONFIGURED,
/// unknown store 401 ERR_SECRET_STORE_NOT_FOUND (daprd's status), denied 403 ERR_PERMISSION_DENIED, other 500 ERR_SECRET_GET.
/// </summary>
internal static class SecretsHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        web.MapGet("/v1.0/secrets/{store}/bulk", (string store) => Guarded(sidecar, () => Results.Json(sidecar.Cluster.Secrets.GetBulk(sidecar, store))));
        web.MapGet("/v1.0/secrets/{store}/{key}", (string store, string key) => Guarded(sidecar, () => Results.Json(sidecar.Cluster.Secrets.Get(sidecar, store, key))));
    }

    static IResult Guarded(AppSidecar sidecar, Func<IResult> call)
    {
        if (!sidecar.Cluster.Resources.OfKind("secretstores").Any(sidecar.CanUse))
            return DaprHttp.Error(500, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
        try
        {
            return call();
        }
        catch (SecretAccessException e)
        {
            return e.Code switch
            {
                StatusCode.PermissionDenied => DaprHttp.Error(403, "ERR_PERMISSION_DENIED", e.Message),
                StatusCode.InvalidArgument => DaprHttp.Error(401, "ERR_SECRET_STORE_NOT_FOUND", e.Message),
                _ => DaprHttp.Error(500, "ERR_SECRET_GET", e.Message),
            };
        }
    }
}
