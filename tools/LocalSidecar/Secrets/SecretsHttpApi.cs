using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Secrets;

/// <summary>The HTTP secrets API (<c>/v1.0/secrets/{store}/{key}</c> and <c>/bulk</c>).</summary>
internal static class SecretsHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        web.MapGet("/v1.0/secrets/{store}/bulk", (string store) => Guarded(() => Results.Json(sidecar.Cluster.Secrets.GetBulk(sidecar, store))));
        web.MapGet("/v1.0/secrets/{store}/{key}", (string store, string key) => Guarded(() => Results.Json(sidecar.Cluster.Secrets.Get(sidecar, store, key))));
    }

    static IResult Guarded(Func<IResult> call)
    {
        try { return call(); }
        catch (SecretAccessException e)
        {
            var code = e.HttpStatus == 403 ? "ERR_PERMISSION_DENIED" : e.HttpStatus == 400 ? "ERR_SECRET_STORE_NOT_FOUND" : "ERR_SECRET_GET";
            return Results.Json(new { errorCode = code, message = e.Message }, statusCode: e.HttpStatus);
        }
    }
}
