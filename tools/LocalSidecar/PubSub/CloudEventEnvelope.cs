using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// Builds the CloudEvent daprd puts on the broker for a publish (components-contrib
/// <c>NewCloudEventsEnvelope</c> / <c>FromCloudEvent</c>, dapr <c>NewCloudEvent</c>).
/// </summary>
internal static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";
    const string DefaultType = "com.dapr.event.sent";

    public static byte[] Wrap(string pubsub, string topic, string sourceAppId, byte[] data, string? contentType,
        IReadOnlyDictionary<string, string> metadata, TraceContext trace, DateTimeOffset now)
    {
        var ce = IsType(contentType, ContentType)
            ? FromAppCloudEvent(data, topic, pubsub, trace, now)
            : NewEnvelope(pubsub, topic, sourceAppId, data, contentType, metadata, trace, now);
        if (Ttl(metadata) is { } ttl)
            ce["expiration"] = Rfc3339(now + ttl); // the in-memory broker has no native message TTL, so daprd stamps it
        return Encoding.UTF8.GetBytes(ce.ToJsonString());
    }

    static JsonObject NewEnvelope(string pubsub, string topic, string sourceAppId, byte[] data, string? contentType,
        IReadOnlyDictionary<string, string> metadata, TraceContext trace, DateTimeOffset now)
    {
        // cloudevent.* metadata overrides the generated attributes; daprd decodes it case-insensitively.
        string? Meta(string key) => metadata.FirstOrDefault(kv => string.Equals(kv.Key, "cloudevent." + key, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v : null;
        var dataContentType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
        var traceParent = Meta("traceparent") ?? Meta("traceid") ?? trace.TraceParent;
        var ce = new JsonObject
        {
            ["id"] = Meta("id") ?? Guid.NewGuid().ToString(),
            ["specversion"] = "1.0",
            ["datacontenttype"] = dataContentType,
            ["source"] = Meta("source") ?? sourceAppId,
            ["type"] = Meta("type") ?? DefaultType,
            ["topic"] = topic,
            ["pubsubname"] = pubsub,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = Meta("tracestate") ?? trace.TraceState,
            ["time"] = Rfc3339(now),
        };
        if (IsType(dataContentType, "application/json"))
            ce["data"] = TryParse(data) ?? JsonValue.Create(Encoding.UTF8.GetString(data));
        else if (IsType(dataContentType, "application/octet-stream"))
            ce["data_base64"] = Convert.ToBase64String(data);
        else
            ce["data"] = Encoding.UTF8.GetString(data);
        if (Meta("subject") is { } subject) ce["subject"] = subject;
        return ce;
    }

    /// <summary>An app-supplied CloudEvent is kept; topic and pubsub are overwritten and missing attributes filled.</summary>
    static JsonObject FromAppCloudEvent(byte[] data, string topic, string pubsub, TraceContext trace, DateTimeOffset now)
    {
        if (TryParse(data) is not JsonObject ce) throw PubSubException.CloudEventCreation();
        ce.TryAdd("time", Rfc3339(now));
        if (!ce.ContainsKey("traceid"))
        {
            ce["traceid"] = trace.TraceParent;
            ce["traceparent"] = trace.TraceParent;
        }
        ce.TryAdd("tracestate", trace.TraceState);
        ce["topic"] = topic;
        ce["pubsubname"] = pubsub;
        // daprd fills source, type and specversion but not id (components-contrib FromCloudEvent).
        if (ce["source"] is null) ce["source"] = "Dapr";
        if (ce["type"] is null) ce["type"] = DefaultType;
        if (ce["specversion"] is null) ce["specversion"] = "1.0";
        return ce;
    }

    /// <summary>What a <c>rawPayload</c> subscription receives: the broker bytes as <c>data_base64</c> (contrib <c>FromRawPayload</c>).</summary>
    public static JsonObject FromRawPayload(byte[] data, string topic, string pubsub, IReadOnlyDictionary<string, string> metadata)
    {
        var ce = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/octet-stream",
            ["source"] = "Dapr",
            ["type"] = DefaultType,
            ["topic"] = topic,
            ["pubsubname"] = pubsub,
            ["data_base64"] = Convert.ToBase64String(data),
        };
        if (metadata.TryGetValue("traceid", out var traceId)) ce["traceid"] = traceId;
        if (metadata.TryGetValue("traceparent", out var traceParent)) { ce["traceparent"] = traceParent; ce["traceid"] = traceParent; }
        if (metadata.TryGetValue("tracestate", out var traceState)) ce["tracestate"] = traceState;
        return ce;
    }

    public static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("rawPayload", out var value) || value.Length == 0) return false;
        return ParseGoBool(value) ?? throw PubSubException.BadMetadata($"rawPayload value must be a valid boolean: actual is '{value}'");
    }

    static bool? ParseGoBool(string v) => v switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    static TimeSpan? Ttl(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("ttlInSeconds", out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var secs) && secs > 0
            ? TimeSpan.FromSeconds(secs) : null;

    static JsonNode? TryParse(byte[] data)
    {
        try { return JsonNode.Parse(data); }
        catch (JsonException) { return null; }
    }

    /// <summary>Media type comparison as components-contrib does: exact, or up to a ';' parameter.</summary>
    public static bool IsType(string? contentType, string expected)
    {
        if (contentType is null) return false;
        var bare = contentType.Split(';')[0].Trim();
        return string.Equals(bare, expected, StringComparison.OrdinalIgnoreCase);
    }

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
