using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Http;

namespace DaprShop.LocalSidecar.Configuration;

/// <summary>
/// The HTTP configuration API (v1.0 and v1.0-alpha1): <c>GET /configuration/{store}?key=a&amp;key=b</c> (204 when
/// nothing matches), <c>GET /configuration/{store}/subscribe?key=…</c> → <c>{"id"}</c>, after which daprd POSTs
/// each change to the app at <c>/configuration/{store}/{key}</c> with <c>{"id","items"}</c>, and
/// <c>GET /configuration/{store}/{id}/unsubscribe</c> → <c>{"ok":true}</c>.
/// </summary>
internal static class ConfigurationHttpApi
{
    static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    sealed record Item(
        [property: JsonPropertyName("value")] string? Value,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata);

    sealed record UpdateEvent([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("items")] Dictionary<string, Item> Items);

    static Item ToJson(ConfigItem i) => new(i.Value.Length == 0 ? null : i.Value, i.Version.Length == 0 ? null : i.Version,
        i.Metadata.Count == 0 ? null : i.Metadata);

    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        foreach (var version in new[] { "v1.0", "v1.0-alpha1" })
        {
            web.MapGet($"/{version}/configuration/{{store}}", (string store, HttpRequest request) => Guarded(sidecar, store, engine =>
            {
                var keys = request.Query["key"].OfType<string>().ToList();
                var items = engine.Get(keys);
                sidecar.Cluster.Calls.Record(sidecar.AppId, "configuration", "get", $"{store}/{string.Join(',', keys)}");
                return items.Count == 0 ? Results.NoContent() : Results.Json(items.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)), Json);
            }));

            web.MapGet($"/{version}/configuration/{{store}}/subscribe", (string store, HttpRequest request) => Guarded(sidecar, store, engine =>
            {
                if (sidecar.App.Port is null)
                    return DaprHttp.Error(500, "ERR_APP_CHANNEL_NIL", "app channel is not initialized. cannot subscribe to configuration updates");
                var keys = request.Query["key"].OfType<string>().ToList();
                var (id, updates) = engine.Subscribe(keys);
                sidecar.Cluster.Calls.Record(sidecar.AppId, "configuration", "subscribe", $"{store}/{string.Join(',', keys)}");
                _ = DeliverAsync(sidecar, store, id, updates);
                return Results.Json(new { id });
            }));

            web.MapGet($"/{version}/configuration/{{store}}/{{id}}/unsubscribe", (string store, string id) => Guarded(sidecar, store, engine =>
            {
                var ok = engine.Unsubscribe(id);
                sidecar.Cluster.Calls.Record(sidecar.AppId, "configuration", "unsubscribe", $"{store}/{id}", ok ? "ok" : "not found");
                return ok
                    ? Results.Json(new { ok = true })
                    : Results.Json(new { message = $"failed to unsubscribe to configuration request {id}: subscription with id {id} does not exist" }, statusCode: 500);
            }));
        }
    }

    /// <summary>daprd's HTTP subscription handler: one POST per changed key, each carrying the whole update event.</summary>
    static async Task DeliverAsync(AppSidecar sidecar, string store, string id, System.Threading.Channels.ChannelReader<IReadOnlyDictionary<string, ConfigItem>> updates)
    {
        var stopping = sidecar.Stopping; // taken once: the source is disposed with the sidecar
        try
        {
            await foreach (var changed in updates.ReadAllAsync(stopping))
            {
                var update = new UpdateEvent(id, changed.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value)));
                foreach (var key in changed.Keys)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/configuration/{store}/{key}") { Content = JsonContent.Create(update, options: Json) };
                    string outcome;
                    try
                    {
                        using var response = await sidecar.App.SendAsync(request, stopping);
                        outcome = response.IsSuccessStatusCode ? "ok" : $"error sending configuration item to application, status {(int)response.StatusCode}";
                    }
                    catch (AppUnavailableException e)
                    {
                        outcome = e.Message;
                    }
                    sidecar.Cluster.Calls.Record(sidecar.AppId, "configuration", "deliver", $"{store}/{key}", outcome);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the sidecar is stopping
        }
    }

    static IResult Guarded(AppSidecar sidecar, string store, Func<ConfigurationStoreEngine, IResult> call)
    {
        if (!sidecar.Cluster.Resources.OfKind("configuration").Any(sidecar.CanUse))
            return DaprHttp.Error(500, "ERR_CONFIGURATION_STORE_NOT_CONFIGURED", "configuration stores not configured");
        var engine = sidecar.Cluster.ConfigurationStores.Open(sidecar, store);
        return engine is null
            ? DaprHttp.Error(400, "ERR_CONFIGURATION_STORE_NOT_FOUND", $"configuration store {store} not found")
            : call(engine);
    }
}
