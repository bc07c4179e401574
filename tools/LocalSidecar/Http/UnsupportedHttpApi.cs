using System.Text.Json;

namespace DaprShop.LocalSidecar.Http;

/// <summary>
/// Building blocks DaprShop does not use and the local sidecar does not serve answer as daprd answers when it has
/// nothing to serve them with: no lock store, no crypto provider, no conversation component loaded; the jobs API
/// (which needs daprd's Scheduler service) and subtle crypto (not built into daprd by default) as unimplemented.
/// </summary>
internal static class UnsupportedHttpApi
{
    const string Unimplemented = "this API is currently not implemented";

    public static void Map(WebApplication web)
    {
        web.MapPost("/v1.0-alpha1/lock/{store}", async (string store, HttpRequest request) =>
        {
            // daprd checks the expiry before it looks for lock stores.
            var expiry = 0L;
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("expiryInSeconds", out var e) && e.TryGetInt64(out var n))
                    expiry = n;
            }
            catch (JsonException e)
            {
                return DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", $"failed deserializing HTTP body: {e.Message}");
            }
            return expiry <= 0
                ? DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", $"ExpiryInSeconds is not positive in lock store {store}")
                : LockNotConfigured();
        });
        web.MapPost("/v1.0-alpha1/unlock/{store}", LockNotConfigured);

        foreach (var op in new[] { "encrypt", "decrypt" })
            web.MapPut($"/v1.0-alpha1/crypto/{{name}}/{op}", () => DaprHttp.Error(500, "ERR_CRYPTO_PROVIDERS_NOT_CONFIGURED", "crypto providers not configured"));
        foreach (var op in new[] { "getkey", "encrypt", "decrypt", "wrapkey", "unwrapkey", "sign", "verify" })
            web.MapPost($"/v1.0-alpha1/subtlecrypto/{{name}}/{op}", () => DaprHttp.Error(501, "ERR_API_UNIMPLEMENTED", Unimplemented));

        foreach (var version in new[] { "v1.0-alpha1", "v1.0" })
            web.MapMethods($"/{version}/jobs/{{name}}", ["POST", "GET", "DELETE"], () => DaprHttp.Error(501, "ERR_API_UNIMPLEMENTED", Unimplemented));

        foreach (var version in new[] { "v1.0-alpha1", "v1.0-alpha2" })
            web.MapPost($"/{version}/conversation/{{name}}/converse", (string name) =>
                DaprHttp.Error(400, "ERR_CONVERSATION_NOT_FOUND", $"failed finding conversation component {name}"));
    }

    static IResult LockNotConfigured() => DaprHttp.Error(500, "ERR_LOCK_STORE_NOT_CONFIGURED", "lock store is not configured");
}
