using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Configuration;

/// <summary>The HTTP configuration API: <c>GET /v1.0/configuration/{store}?key=a&amp;key=b</c>.</summary>
internal static class ConfigurationHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        web.MapGet("/v1.0/configuration/{store}", (string store, HttpRequest request) =>
        {
            var engine = sidecar.Cluster.ConfigurationStores.Open(sidecar, store);
            if (engine is null)
                return Results.Json(new { errorCode = "ERR_CONFIGURATION_STORE_NOT_FOUND", message = $"configuration store {store} not found" }, statusCode: 400);
            var keys = request.Query["key"].OfType<string>().ToList();
            return Results.Json(engine.Get(keys).ToDictionary(kv => kv.Key, kv => new { value = kv.Value.Value, version = kv.Value.Version, metadata = kv.Value.Metadata }));
        });
    }
}
