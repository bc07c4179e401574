using System.Text.Json.Nodes;
using DaprShop.Gateway.Routing;

namespace DaprShop.Gateway.OpenApi;

/// <summary>
/// A service's OpenAPI document as the gateway exposes it: every <c>/api/v1/...</c> path moved under the service's
/// gateway prefix (<c>/api/v1/auth/login</c> → <c>/api/v1/identity/auth/login</c>), paths the gateway does not expose
/// (<c>/connect/token</c>, cron routes) dropped, and the gateway itself as the only server, so "Try it out" in the
/// API page calls the gateway.
/// </summary>
internal static class GatewayOpenApi
{
    public static JsonObject Rewrite(JsonObject document, string service)
    {
        ArgumentNullException.ThrowIfNull(document);
        var paths = new JsonObject();
        if (document["paths"] is JsonObject original)
        {
            foreach (var (path, item) in original)
            {
                if (!path.StartsWith(InvocationPaths.ApiPrefix + "/", StringComparison.Ordinal)) continue;
                paths[InvocationPaths.ServicePrefix(service) + path[InvocationPaths.ApiPrefix.Length..]] = item?.DeepClone();
            }
        }
        document["paths"] = paths;
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "DaprShop gateway" });
        return document;
    }
}
