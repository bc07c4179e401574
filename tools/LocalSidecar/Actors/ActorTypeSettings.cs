using System.Text.Json;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// How daprd runs one actor type, from the hosting app's <c>/dapr/config</c>: the global fields, overridden
/// per type by an <c>entitiesConfig</c> entry. Defaults are daprd's (idle 60m, scan 30s, drain 2s, stack depth 32).
/// </summary>
public sealed record ActorTypeSettings(
    TimeSpan IdleTimeout,
    TimeSpan ScanInterval,
    TimeSpan DrainOngoingCallTimeout,
    bool ReentrancyEnabled,
    int MaxStackDepth)
{
    public static readonly ActorTypeSettings Default = new(TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), false, 32);

    /// <summary>Actor type → settings, for every type in <c>entities</c>.</summary>
    public static Dictionary<string, ActorTypeSettings> FromAppConfig(JsonElement config)
    {
        var result = new Dictionary<string, ActorTypeSettings>(StringComparer.Ordinal);
        if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
            return result;
        var global = Default.With(config);
        foreach (var t in entities.EnumerateArray())
            if (t.GetString() is { Length: > 0 } type) result[type] = global;
        if (config.TryGetProperty("entitiesConfig", out var perType) && perType.ValueKind == JsonValueKind.Array)
            foreach (var entry in perType.EnumerateArray())
            {
                if (!entry.TryGetProperty("entities", out var types) || types.ValueKind != JsonValueKind.Array) continue;
                var settings = global.With(entry);
                foreach (var t in types.EnumerateArray())
                    if (t.GetString() is { } type && result.ContainsKey(type)) result[type] = settings;
            }
        return result;
    }

    ActorTypeSettings With(JsonElement o)
    {
        var s = this;
        // daprd keeps its default when a value does not parse (it logs a warning).
        if (Duration(o, "actorIdleTimeout") is { } idle && idle > TimeSpan.Zero) s = s with { IdleTimeout = idle };
        if (Duration(o, "actorScanInterval") is { } scan && scan > TimeSpan.Zero) s = s with { ScanInterval = scan };
        if (Duration(o, "drainOngoingCallTimeout") is { } drain) s = s with { DrainOngoingCallTimeout = drain };
        if (o.TryGetProperty("reentrancy", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            if (r.TryGetProperty("enabled", out var en) && en.ValueKind is JsonValueKind.True or JsonValueKind.False)
                s = s with { ReentrancyEnabled = en.GetBoolean() };
            if (r.TryGetProperty("maxStackDepth", out var depth) && depth.TryGetInt32(out var d))
                s = s with { MaxStackDepth = d };
        }
        return s;
    }

    static TimeSpan? Duration(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? GoDuration.Parse(v.GetString()!) : null;
}
