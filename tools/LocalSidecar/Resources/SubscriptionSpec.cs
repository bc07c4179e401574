namespace DaprShop.LocalSidecar.Resources;

/// <summary>A routing rule: a CEL <c>match</c> expression (empty = default route) and the app path it selects.</summary>
public sealed record RouteRule(string Match, string Path);

/// <summary>
/// One topic subscription of one app, whether it came from the app's <c>/dapr/subscribe</c> answer
/// (programmatic) or from a <c>Subscription</c> resource (declarative).
/// </summary>
public sealed record SubscriptionSpec(
    string PubsubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultRoute,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Scopes,
    bool Declarative)
{
    public bool RawPayload => string.Equals(
        Metadata.GetValueOrDefault("rawPayload"), "true", StringComparison.OrdinalIgnoreCase);

    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}
