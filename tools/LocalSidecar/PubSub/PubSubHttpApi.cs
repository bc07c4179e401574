using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// The HTTP pub/sub API: <c>POST /v1.0/publish/{pubsub}/{topic}</c> (body = data, Content-Type =
/// datacontenttype, <c>?metadata.k=v</c>) and bulk publish (<c>/v1.0-alpha1/publish/bulk/...</c> and
/// <c>/v1.0/publish/bulk/...</c>, a JSON array of <c>{entryId, event, contentType, metadata}</c>).
/// </summary>
internal static class PubSubHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        var broker = sidecar.Cluster.PubSub;

        web.MapPost("/v1.0/publish/{pubsub}/{topic}", async (string pubsub, string topic, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var contentType = request.ContentType is { Length: > 0 } ct ? ct : null;
            return Guarded(() =>
            {
                broker.Publish(sidecar, new Publication(pubsub, topic, buffer.ToArray(), contentType, Metadata(request)), Trace(request));
                return Results.NoContent();
            });
        });

        web.MapPost("/v1.0-alpha1/publish/bulk/{pubsub}/{topic}", (string pubsub, string topic, HttpRequest request) => BulkAsync(broker, sidecar, pubsub, topic, request));
        web.MapPost("/v1.0/publish/bulk/{pubsub}/{topic}", (string pubsub, string topic, HttpRequest request) => BulkAsync(broker, sidecar, pubsub, topic, request));
    }

    static async Task<IResult> BulkAsync(PubSubBroker broker, AppSidecar sidecar, string pubsub, string topic, HttpRequest request)
    {
        List<BulkEntry> entries;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            entries = doc.RootElement.EnumerateArray().Select(e =>
            {
                var contentType = e.TryGetProperty("contentType", out var c) ? c.GetString() : null;
                var ev = e.GetProperty("event");
                // A JSON event travels as its JSON text; a string event of a non-JSON type as the string itself.
                var bytes = ev.ValueKind == JsonValueKind.String && !CloudEventEnvelope.IsType(contentType, "application/json") &&
                            !CloudEventEnvelope.IsType(contentType, CloudEventEnvelope.ContentType)
                    ? System.Text.Encoding.UTF8.GetBytes(ev.GetString()!)
                    : System.Text.Encoding.UTF8.GetBytes(ev.GetRawText());
                var meta = e.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
                    ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                return new BulkEntry(e.TryGetProperty("entryId", out var id) ? id.GetString() ?? "" : "", bytes, contentType, meta);
            }).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Results.Json(new { errorCode = "ERR_PUBSUB_EVENTS_SER", message = $"error when unmarshaling the request for topic {topic} pubsub {pubsub}: {e.Message}" }, statusCode: 400);
        }
        return Guarded(() =>
        {
            var failed = broker.BulkPublish(sidecar, pubsub, topic, Metadata(request), entries, () => Trace(request));
            return failed.Count == 0
                ? Results.NoContent()
                : Results.Json(new { failedEntries = failed.Select(f => new { entryId = f.EntryId, error = f.Error }), errorCode = "ERR_PUBSUB_PUBLISH_MESSAGE" }, statusCode: 500);
        });
    }

    /// <summary>daprd takes request metadata from <c>metadata.*</c> query parameters.</summary>
    static Dictionary<string, string> Metadata(HttpRequest request) =>
        request.Query.Where(q => q.Key.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.ToString(), StringComparer.Ordinal);

    static TraceContext Trace(HttpRequest request) =>
        TraceContext.ChildOf(request.Headers["traceparent"].FirstOrDefault(), null, request.Headers["tracestate"].FirstOrDefault());

    static IResult Guarded(Func<IResult> call)
    {
        try { return call(); }
        catch (PubSubException e) { return Results.Json(new { errorCode = e.ErrorCode, message = e.Message }, statusCode: e.HttpStatus); }
    }
}
