using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>The HTTP bindings API: <c>POST /v1.0/bindings/{name}</c> with <c>{ data, metadata, operation }</c>.</summary>
internal static class BindingsHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        web.MapMethods("/v1.0/bindings/{name}", ["POST", "PUT"], async (string name, HttpRequest request, CancellationToken ct) =>
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var root = doc.RootElement;
            var data = root.TryGetProperty("data", out var d)
                ? Encoding.UTF8.GetBytes(d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetRawText()) : [];
            var metadata = root.TryGetProperty("metadata", out var m)
                ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "") : [];
            var operation = root.TryGetProperty("operation", out var o) ? o.GetString() ?? "" : "";
            try
            {
                var result = await sidecar.Cluster.Bindings.InvokeAsync(sidecar, name, operation, data, metadata, ct);
                return Results.Bytes(result.Data, "application/json");
            }
            catch (OutputBindingException e)
            {
                return Results.Json(new { errorCode = "ERR_INVOKE_OUTPUT_BINDING", message = e.Message }, statusCode: 500);
            }
        });
    }
}
