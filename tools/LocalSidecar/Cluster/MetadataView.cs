namespace DaprShop.LocalSidecar.Cluster;

/// <summary>The sidecar's <c>/v1.0/metadata</c> answer: app id, components it may use, actors, subscriptions.</summary>
internal static class MetadataView
{
    public static object Build(AppSidecar s) => new
    {
        id = s.AppId,
        runtimeVersion = "local-sidecar",
        enabledFeatures = Array.Empty<string>(),
        actors = s.Cluster.Actors.TypesHostedBy(s.AppId).Select(t => new { type = t, count = s.Cluster.Actors.ActiveCount(t) }),
        components = s.Cluster.Resources.Components.Where(s.CanUse)
            .Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = Array.Empty<string>() }),
        subscriptions = s.Cluster.PubSub.SubscriptionsOf(s.AppId).Select(sub => new
        {
            pubsubname = sub.PubsubName,
            topic = sub.Topic,
            deadLetterTopic = sub.DeadLetterTopic ?? "",
            rules = sub.Rules.Select(r => new { match = r.Match, path = r.Path })
                .Append(new { match = "", path = sub.DefaultRoute ?? "" }),
            type = sub.Declarative ? "DECLARATIVE" : "PROGRAMMATIC",
        }),
        appConnectionProperties = new { port = s.App.Port ?? 0, protocol = "http", channelAddress = "127.0.0.1" },
    };
}
