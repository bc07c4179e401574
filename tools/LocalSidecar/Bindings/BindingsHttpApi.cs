using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// The HTTP output binding API: <c>POST|PUT /v1.0/bindings/{name}</c> with <c>{data, metadata, operation}</c>.
/// As daprd, the binding receives the JSON encoding of <c>data</c> (a string keeps its quotes); the answer is the
/// binding's data (200) or nothing (204), with its metadata as <c>metadata.*</c> headers.
/// </summary>
internal static class BindingsHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        web.MapMethods("/v1.0/bindings/{name}", ["POST", "PUT"], async (string name, HttpContext ctx) =>
        {
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            }
            catch (JsonException e)
            {
                return DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", $"failed deserializing HTTP body: {e.Message}");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    return DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: json: cannot unmarshal into http.OutputBindingRequest");
                var data = Encoding.UTF8.GetBytes(root.TryGetProperty("data", out var d) ? d.GetRawText() : "null");
                var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
                    ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                    : [];
                if (ctx.Request.Headers.TryGetValue("traceparent", out var traceparent)) metadata["traceparent"] = traceparent.ToString();
                var operation = root.TryGetProperty("operation", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() ?? "" : "";
                try
                {
                    var result = await sidecar.Cluster.Bindings.InvokeAsync(sidecar, name, operation, data, metadata, ctx.RequestAborted);
                    if (result is null) return Results.NoContent();
                    DaprHttp.MetadataHeaders(ctx.Response, result.Metadata);
                    return Results.Bytes(result.Data, ctx.Response.ContentType ?? "application/json");
                }
                catch (OutputBindingException e)
                {
                    return DaprHttp.Error(500, "ERR_INVOKE_OUTPUT_BINDING", e.Message);
                }
            }
        });
    }
}
