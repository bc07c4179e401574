using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// Reads an app's programmatic subscriptions from <c>GET /dapr/subscribe</c>: v1 (<c>route</c>) and
/// v2 (<c>routes.rules</c> + <c>routes.default</c>) entries. Keys match case-insensitively, as Go's
/// JSON decoder does (the .NET SDK writes <c>pubsubName</c>, daprd's struct tag says <c>pubsubname</c>).
/// </summary>
internal static class SubscribeEndpointReader
{
    public static async Task<IReadOnlyList<SubscriptionSpec>> ReadAsync(AppSidecar sidecar, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dapr/subscribe");
        request.Headers.TryAddWithoutValidation("dapr-app-id", sidecar.AppId);
        using var response = await sidecar.App.SendAsync(request, ct);
        // daprd: 404 means "no subscriptions"; any other non-200 is logged and also yields none.
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return [];
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (body.Length == 0) return [];
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"app {sidecar.AppId}: /dapr/subscribe did not answer a JSON array");
        var subs = new List<SubscriptionSpec>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var routes = Prop(item, "routes");
            var rules = new List<RouteRule>();
            if (routes is { ValueKind: JsonValueKind.Object } r && Prop(r, "rules") is { ValueKind: JsonValueKind.Array } rs)
                foreach (var rule in rs.EnumerateArray())
                    rules.Add(new RouteRule(Str(rule, "match") ?? "", Str(rule, "path") ?? ""));
            var defaultRoute = routes is { ValueKind: JsonValueKind.Object } rr && Str(rr, "default") is { Length: > 0 } d ? d : Str(item, "route");
            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Prop(item, "metadata") is { ValueKind: JsonValueKind.Object } m)
                foreach (var p in m.EnumerateObject()) meta[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            subs.Add(new SubscriptionSpec(Str(item, "pubsubname") ?? "", Str(item, "topic") ?? "", rules,
                string.IsNullOrEmpty(defaultRoute) ? null : defaultRoute,
                Str(item, "deadLetterTopic") is { Length: > 0 } dlq ? dlq : null, meta, [], Declarative: false));
        }
        return subs;
    }

    static JsonElement? Prop(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    static string? Str(JsonElement e, string name) => Prop(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
