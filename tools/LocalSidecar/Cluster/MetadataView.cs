using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaprShop.LocalSidecar.Cluster;

/// <summary>
/// The sidecar's <c>GET /v1.0/metadata</c> answer in daprd's shape: app id, runtime version, extended
/// metadata, components the app may use, hosted actors and the actor runtime, subscriptions, app connection
/// and connected workflow workers. Empty parts are left out, as daprd leaves them out.
/// </summary>
internal static class MetadataView
{
    public const string RuntimeVersion = "local-sidecar";

    public static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static object Build(AppSidecar s)
    {
        var actors = s.Cluster.Actors.TypesHostedBy(s.AppId).Select(t => new { type = t, count = s.Cluster.Actors.ActiveCount(t) }).ToList();
        var subscriptions = s.Cluster.PubSub.SubscriptionsOf(s.AppId).Select(sub => new
        {
            pubsubname = sub.PubsubName,
            topic = sub.Topic,
            metadata = sub.Metadata.Count == 0 ? null : sub.Metadata,
            rules = sub.Rules.Select(r => new { match = (string?)r.Match, path = (string?)r.Path })
                .Append(new { match = (string?)null, path = sub.DefaultRoute })
                .Where(r => !string.IsNullOrEmpty(r.path)).ToList(),
            deadLetterTopic = sub.DeadLetterTopic ?? "",
            type = sub.Declarative ? "DECLARATIVE" : "PROGRAMMATIC",
        }).ToList();
        var extended = new Dictionary<string, string>(s.ExtendedMetadata, StringComparer.Ordinal) { ["daprRuntimeVersion"] = RuntimeVersion };
        var workers = s.Cluster.Workflows.For(s.AppId).ConnectedWorkers;
        return new
        {
            id = s.AppId,
            runtimeVersion = RuntimeVersion,
            actors = actors.Count == 0 ? null : actors,
            components = s.Cluster.Resources.Components.Where(s.CanUse)
                .Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = Capabilities(c) }).ToList(),
            extended,
            subscriptions = subscriptions.Count == 0 ? null : subscriptions,
            appConnectionProperties = new
            {
                port = s.App.Port,
                protocol = "http",
                channelAddress = "127.0.0.1",
            },
            actorRuntime = new
            {
                runtimeStatus = actors.Count == 0 ? "DISABLED" : "RUNNING",
                activeActors = actors.Count == 0 ? null : actors,
                hostReady = actors.Count > 0,
                placement = actors.Count == 0 ? null : "placement: connected",
            },
            workflows = workers == 0 ? null : new { connectedWorkers = workers },
        };
    }

    /// <summary>The features components-contrib's Redis state store declares without RedisJSON (plus ACTOR for the actor store).</summary>
    static IReadOnlyList<string>? Capabilities(Resources.ComponentSpec c) => c.Type switch
    {
        "state.redis" when c.MetaFlag("actorStateStore") => ["ETAG", "TRANSACTIONAL", "TTL", "KEYS_LIKE", "ACTOR"],
        "state.redis" => ["ETAG", "TRANSACTIONAL", "TTL", "KEYS_LIKE"],
        _ => null,
    };
}
