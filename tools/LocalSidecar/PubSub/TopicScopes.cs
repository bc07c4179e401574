using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

/// <summary>
/// Topic-level access of a pubsub component: <c>allowedTopics</c>, <c>protectedTopics</c>,
/// <c>publishingScopes</c> and <c>subscriptionScopes</c> ("app1=t1,t2;app2=") as daprd reads them
/// (pkg/scopes, pkg/runtime/pubsub IsOperationAllowed).
/// </summary>
internal static class TopicScopes
{
    public static bool CanPublish(ComponentSpec component, string appId, string topic) =>
        IsAllowed(component, topic, ScopedTopics(component.Meta("publishingScopes"), appId));

    public static bool CanSubscribe(ComponentSpec component, string appId, string topic) =>
        IsAllowed(component, topic, ScopedTopics(component.Meta("subscriptionScopes"), appId));

    static bool IsAllowed(ComponentSpec component, string topic, List<string> scoped)
    {
        var allowed = Topics(component.Meta("allowedTopics"));
        if (allowed.Count > 0 && !allowed.Contains(topic, StringComparer.Ordinal)) return false;
        var isProtected = Topics(component.Meta("protectedTopics")).Contains(topic, StringComparer.Ordinal);
        // An app without a scope entry may use any unprotected topic; "app=" (empty list) grants nothing.
        if (!isProtected && scoped.Count == 0) return true;
        return scoped.Contains(topic, StringComparer.Ordinal);
    }

    static List<string> ScopedTopics(string? value, string appId)
    {
        var topics = new List<string>();
        if (string.IsNullOrEmpty(value)) return topics;
        foreach (var entry in value.Replace(" ", "", StringComparison.Ordinal).Split(';'))
        {
            var parts = entry.Split('=');
            if (parts.Length < 2 || parts[0] != appId) continue;
            foreach (var t in parts[1].Split(',')) if (!topics.Contains(t)) topics.Add(t);
        }
        return topics;
    }

    static List<string> Topics(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Replace(" ", "", StringComparison.Ordinal).Split(',').Distinct().ToList();
}
