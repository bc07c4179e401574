using System.Globalization;
using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;
using Grpc.Core;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// The HTTP state API as daprd serves it (pkg/api/http/http.go): get, save (POST/PUT), delete, bulk get,
/// transactions, and the alpha1 query API, which the local store does not support (as daprd answers for a
/// store without query support). Request metadata comes from <c>metadata.*</c> query parameters; ETags travel
/// unquoted in <c>ETag</c> / <c>If-Match</c>, as daprd passes them.
/// </summary>
internal static class StateHttpApi
{
    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        var access = new StateAccess(sidecar);

        web.MapGet("/v1.0/state/{store}/{key}", (string store, string key, HttpContext ctx) => Guarded(store, "get", () =>
        {
            if (StateKeys.IllegalKeyReason(key) is { } illegal) return IllegalKey(illegal);
            var e = access.Get(store, key);
            if (e is null) return Results.NoContent();
            ctx.Response.Headers.ETag = e.Etag;
            if (e.ExpiresAt is { } at) ctx.Response.Headers["metadata.ttlExpireTime"] = TtlExpireTime(at);
            return Results.Bytes(e.Value, "application/json");
        }));

        web.MapMethods("/v1.0/state/{store}", ["POST", "PUT"], async (string store, HttpRequest request) =>
        {
            if (await ReadJsonAsync(request) is not { } doc) return Malformed("failed deserializing HTTP body");
            using (doc)
                return Guarded(store, "save", () =>
                {
                    access.Open("save", store, store);
                    if (doc.RootElement.ValueKind != JsonValueKind.Array) return Malformed("json: cannot unmarshal into []state.SetRequest");
                    var items = doc.RootElement.EnumerateArray().ToList();
                    if (items.Count == 0) return Results.NoContent();
                    var queryMetadata = DaprHttp.Metadata(request);
                    var requests = new List<SetItem>();
                    foreach (var i in items)
                    {
                        var key = Str(i, "key");
                        if (string.IsNullOrEmpty(key)) return DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", "\"key\" is a required field");
                        if (StateKeys.IllegalKeyReason(key) is { } illegal) return IllegalKey(illegal);
                        requests.Add(new SetItem(key, Value(i), Str(i, "etag"), Concurrency(i), Merge(Meta(i), queryMetadata)));
                    }
                    var target = $"{store}/{string.Join(',', requests.Select(r => r.Key))}";
                    var (engine, keys) = access.Open("save", store, target);
                    access.Write(engine, "save", target, requests.Select(r => r.ToWrite(keys, isDelete: false)).ToList());
                    return Results.NoContent();
                });
        });

        web.MapDelete("/v1.0/state/{store}/{key}", (string store, string key, HttpRequest request) => Guarded(store, "delete", () =>
        {
            if (StateKeys.IllegalKeyReason(key) is { } illegal) return IllegalKey(illegal);
            var (engine, keys) = access.Open("delete", store, $"{store}/{key}");
            // daprd passes If-Match through as the ETag, unquoted and unparsed.
            var etag = request.Headers.ContainsKey("If-Match") ? request.Headers.IfMatch.ToString() : null;
            var item = new SetItem(key, null, etag, request.Query["concurrency"].FirstOrDefault(), DaprHttp.Metadata(request));
            access.Write(engine, "delete", $"{store}/{key}", [item.ToWrite(keys, isDelete: true)]);
            return Results.NoContent();
        }, key));

        web.MapMethods("/v1.0/state/{store}/bulk", ["POST", "PUT"], async (string store, HttpRequest request) =>
        {
            if (await ReadJsonAsync(request) is not { } doc) return Malformed("failed deserializing HTTP body");
            using (doc)
                return Guarded(store, "bulk-get", () =>
                {
                    var (engine, keys) = access.Open("bulk-get", store, store);
                    var wanted = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("keys", out var k) &&
                                 k.ValueKind == JsonValueKind.Array
                        ? k.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                        : [];
                    if (wanted.FirstOrDefault(w => StateKeys.IllegalKeyReason(w) is not null) is { } bad)
                        return IllegalKey(StateKeys.IllegalKeyReason(bad)!);
                    var answer = wanted.Select(key =>
                    {
                        var e = access.Read(engine, keys.Prefixed(key), "bulk-get", $"{store}/{key}");
                        return e is null
                            ? new BulkItem(key, null, null, null)
                            : new BulkItem(key, AsJson(e.Value), e.Etag,
                                e.ExpiresAt is { } at ? new Dictionary<string, string> { ["ttlExpireTime"] = TtlExpireTime(at) } : null);
                    }).ToList();
                    sidecar.Cluster.Calls.Record(sidecar.AppId, "state", "bulk-get", $"{store}/{string.Join(',', wanted)}");
                    return Results.Json(answer, BulkJson);
                });
        });

        web.MapMethods("/v1.0/state/{store}/transaction", ["POST", "PUT"], async (string store, HttpRequest request) =>
        {
            if (await ReadJsonAsync(request) is not { } doc) return Malformed("failed deserializing HTTP body");
            using (doc)
                return Guarded(store, "transaction", () =>
                {
                    access.Open("transaction", store, store);
                    var root = doc.RootElement;
                    var operations = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("operations", out var ops) && ops.ValueKind == JsonValueKind.Array
                        ? ops.EnumerateArray().ToList()
                        : [];
                    if (operations.Count == 0) return Results.NoContent();
                    var requestMetadata = Merge(root.ValueKind == JsonValueKind.Object ? Meta(root) : [], DaprHttp.Metadata(request));
                    var parsed = new List<(SetItem Item, bool IsDelete)>();
                    foreach (var o in operations)
                    {
                        var operation = Str(o, "operation");
                        if (operation is not ("upsert" or "delete"))
                            return DaprHttp.Error(400, "ERR_NOT_SUPPORTED_STATE_OPERATION", $"operation type {operation} not supported");
                        var r = o.TryGetProperty("request", out var req) && req.ValueKind == JsonValueKind.Object ? req : default;
                        var key = r.ValueKind == JsonValueKind.Object ? Str(r, "key") ?? "" : "";
                        if (StateKeys.IllegalKeyReason(key) is { } illegal) return IllegalKey(illegal);
                        var meta = r.ValueKind == JsonValueKind.Object ? Merge(Meta(r), requestMetadata) : requestMetadata;
                        parsed.Add((new SetItem(key, operation == "upsert" ? Value(r) : null, r.ValueKind == JsonValueKind.Object ? Str(r, "etag") : null,
                            r.ValueKind == JsonValueKind.Object ? Concurrency(r) : null, meta), operation == "delete"));
                    }
                    var target = $"{store}/{string.Join(',', parsed.Select(p => p.Item.Key))}";
                    var (engine, keys) = access.Open("transaction", store, target);
                    access.Transact(engine, target, parsed.Select(p => p.Item.ToWrite(keys, p.IsDelete)).ToList());
                    return Results.NoContent();
                });
        });

        web.MapMethods("/v1.0-alpha1/state/{store}/query", ["POST", "PUT"], (string store) => Guarded(store, "query", () =>
        {
            access.Open("query", store, store);
            // The in-memory store stands in for Redis, whose query API needs RedisJSON and RediSearch indexes.
            sidecar.Cluster.Calls.Record(sidecar.AppId, "state", "query", store, "not supported");
            return DaprHttp.Error(500, "ERR_STATE_STORE_NOT_SUPPORTED", "state store does not support querying", "DAPR_STATE_QUERYING_NOT_SUPPORTED");
        }));
    }

    static readonly JsonSerializerOptions BulkJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    sealed record BulkItem(
        [property: System.Text.Json.Serialization.JsonPropertyName("key")] string Key,
        [property: System.Text.Json.Serialization.JsonPropertyName("data")] JsonElement? Data,
        [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string? Etag,
        [property: System.Text.Json.Serialization.JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata);

    /// <summary>One save, delete or transaction item as the request gave it.</summary>
    sealed record SetItem(string Key, byte[]? Value, string? Etag, string? Concurrency, IReadOnlyDictionary<string, string> Metadata)
    {
        public StateWrite ToWrite(StateKeys keys, bool isDelete)
        {
            // The engine applies daprd's rules (a set under last-write ignores the ETag, a delete never does).
            return new StateWrite(keys.Prefixed(Key), isDelete, isDelete ? null : Value ?? "null"u8.ToArray(),
                Etag, Concurrency == "first-write", StateAccess.Ttl(Metadata), LastWrite: Concurrency == "last-write");
        }
    }

    static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>daprd stores the value's JSON (a string value keeps its quotes).</summary>
    static byte[] Value(JsonElement item) =>
        item.TryGetProperty("value", out var v) ? Encoding.UTF8.GetBytes(v.GetRawText()) : "null"u8.ToArray();

    /// <summary>daprd embeds the stored bytes as raw JSON; bytes that are not JSON (saved over gRPC) come back as a string.</summary>
    static JsonElement AsJson(byte[] value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(value));
        }
    }

    static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static string? Concurrency(JsonElement item) =>
        item.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object ? Str(o, "concurrency") : null;

    static Dictionary<string, string> Meta(JsonElement e) =>
        e.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Query-string metadata overrides the body's, as daprd merges it.</summary>
    static Dictionary<string, string> Merge(Dictionary<string, string> body, IReadOnlyDictionary<string, string> query)
    {
        foreach (var (k, v) in query) body[k] = v;
        return body;
    }

    static string TtlExpireTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    static IResult Malformed(string detail) => DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", detail);

    static IResult IllegalKey(string reason) =>
        DaprHttp.Error(400, "ERR_MALFORMED_REQUEST", reason, "DAPR_STATE_ILLEGAL_KEY");

    /// <summary>Maps a refused call to daprd's HTTP answer for the operation.</summary>
    static IResult Guarded(string store, string op, Func<IResult> call, string? key = null)
    {
        try
        {
            return call();
        }
        catch (StateAccessException e) when (e.Code == StatusCode.FailedPrecondition)
        {
            return DaprHttp.Error(500, "ERR_STATE_STORE_NOT_CONFIGURED", $"state store {store} is not configured", "DAPR_STATE_NOT_CONFIGURED");
        }
        catch (StateAccessException e) when (e.Code == StatusCode.InvalidArgument && e.Message.EndsWith("is not found", StringComparison.Ordinal))
        {
            return DaprHttp.Error(400, "ERR_STATE_STORE_NOT_FOUND", $"state store {store} is not found", "DAPR_STATE_NOT_FOUND");
        }
        catch (StateAccessException e)
        {
            // ETag mismatch → 409, unparsable ETag → 400, anything else → 500 (a transaction's errors are all 500).
            var status = e.Code switch
            {
                StatusCode.Aborted => StatusCodes.Status409Conflict,
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            };
            return op switch
            {
                "get" or "bulk-get" => DaprHttp.Error(500, "ERR_STATE_GET", e.Detail),
                "delete" => DaprHttp.Error(status, "ERR_STATE_DELETE", $"failed deleting state with key {key}: {e.Detail}"),
                "transaction" => DaprHttp.Error(500, "ERR_STATE_TRANSACTION", $"error while executing state transaction: {e.Detail}"),
                _ => DaprHttp.Error(status, "ERR_STATE_SAVE", $"failed saving state in state store {store}: {e.Detail}"),
            };
        }
    }
}
