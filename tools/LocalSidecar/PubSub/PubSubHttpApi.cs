using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// The HTTP pub/sub API: <c>POST|PUT /v1.0/publish/{pubsub}/{topic}</c> (body = data, Content-Type =
/// datacontenttype, <c>?metadata.k=v</c>; the topic may contain slashes) and bulk publish
/// (<c>/v1.0-alpha1/publish/bulk/...</c> and <c>/v1.0/publish/bulk/...</c>, a JSON array of
/// <c>{entryId, event, contentType, metadata}</c> whose entry ids must be present and unique).
/// </summary>
internal static class PubSubHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        var broker = sidecar.Cluster.PubSub;

        web.MapMethods("/v1.0/publish/{pubsub}/{**topic}", ["POST", "PUT"], async (string pubsub, string? topic, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var contentType = request.ContentType is { Length: > 0 } ct ? ct : null;
            return Guarded(() =>
            {
                broker.Publish(sidecar, new Publication(pubsub, topic ?? "", buffer.ToArray(), contentType, DaprHttp.Metadata(request)), Trace(request));
                return Results.NoContent();
            });
        });

        foreach (var version in new[] { "v1.0-alpha1", "v1.0" })
            web.MapMethods($"/{version}/publish/bulk/{{pubsub}}/{{**topic}}", ["POST", "PUT"],
                (string pubsub, string? topic, HttpRequest request) => BulkAsync(broker, sidecar, pubsub, topic ?? "", request));
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
            return DaprHttp.Error(400, "ERR_PUBSUB_EVENTS_SER", $"error when unmarshaling the request for topic {topic} pubsub {pubsub}: {e.Message}",
                "DAPR_PUBSUB_UNMARSHAL_EVENTS");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (entries.Any(e => e.EntryId.Length == 0 || !seen.Add(e.EntryId)))
            return DaprHttp.Error(400, "ERR_PUBSUB_EVENTS_SER",
                $"error marshaling events to bytes for topic {topic} pubsub {pubsub}. error: entryId is duplicated or not present for entry",
                "DAPR_PUBSUB_MARSHAL_EVENTS");
        return Guarded(() =>
        {
            var failed = broker.BulkPublish(sidecar, pubsub, topic, DaprHttp.Metadata(request), entries, () => Trace(request));
            return failed.Count == 0
                ? Results.NoContent()
                : Results.Json(new { failedEntries = failed.Select(f => new { entryId = f.EntryId, error = f.Error }), errorCode = "ERR_PUBSUB_PUBLISH_MESSAGE" }, statusCode: 500);
        });
    }

    static TraceContext Trace(HttpRequest request) =>
        TraceContext.ChildOf(request.Headers["traceparent"].FirstOrDefault(), null, request.Headers["tracestate"].FirstOrDefault());

    static IResult Guarded(Func<IResult> call)
    {
        try { return call(); }
        catch (PubSubException e) { return DaprHttp.Error(e.HttpStatus, e.ErrorCode, e.Message, Reason(e.ErrorCode)); }
    }

    /// <summary>The ErrorInfo reason daprd attaches to each pub/sub error (pkg/messages/errorcodes).</summary>
    static string? Reason(string errorCode) => errorCode switch
    {
        "ERR_PUBSUB_NOT_FOUND" => "DAPR_PUBSUB_NOT_FOUND",
        "ERR_PUBSUB_EMPTY" => "DAPR_PUBSUB_NAME_EMPTY",
        "ERR_TOPIC_NAME_EMPTY" => "DAPR_PUBSUB_TOPIC_NAME_EMPTY",
        "ERR_PUBSUB_FORBIDDEN" => "DAPR_PUBSUB_FORBIDDEN",
        "ERR_PUBSUB_PUBLISH_MESSAGE" => "DAPR_PUBSUB_PUBLISH_MESSAGE",
        "ERR_PUBSUB_REQUEST_METADATA" => "DAPR_PUBSUB_METADATA_DESERIALIZATION",
        "ERR_PUBSUB_CLOUD_EVENTS_SER" => "DAPR_PUBSUB_CLOUD_EVENT_CREATION",
        "ERR_PUBSUB_EVENTS_SER" => "DAPR_PUBSUB_MARSHAL_EVENTS",
        _ => null,
    };
}
