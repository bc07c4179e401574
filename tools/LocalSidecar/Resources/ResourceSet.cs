namespace DaprShop.LocalSidecar.Resources;

/// <summary>Everything read from the resources paths: components, declarative subscriptions, resiliency, configurations.</summary>
public sealed class ResourceSet
{
    public List<ComponentSpec> Components { get; } = [];
    public List<SubscriptionSpec> Subscriptions { get; } = [];
    /// <summary>Each <c>Resiliency</c> resource as loaded, with its own scopes.</summary>
    public List<ResiliencySpec> Resiliencies { get; } = [];

    /// <summary>Every Resiliency resource merged regardless of scopes (what the files declare).</summary>
    public ResiliencySpec Resiliency => ResiliencySpec.Merge(Resiliencies);

    /// <summary>The Resiliency resources an app's sidecar loads (daprd skips those scoped to other apps), merged.</summary>
    public ResiliencySpec ResiliencyFor(string appId)
    {
        // Asked on every invocation and delivery: merged once per app, again only if a resource was added since.
        var count = Resiliencies.Count;
        if (_resiliencyByApp.TryGetValue(appId, out var cached) && cached.Count == count) return cached.Spec;
        var spec = ResiliencySpec.Merge(Resiliencies.Where(r => r.AppliesTo(appId)));
        _resiliencyByApp[appId] = (count, spec);
        return spec;
    }

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Count, ResiliencySpec Spec)> _resiliencyByApp = new(StringComparer.Ordinal);
    /// <summary>Configuration resources by name (an app selects one, as daprd's <c>--config</c> does).</summary>
    public Dictionary<string, AppConfigurationSpec> Configurations { get; } = new(StringComparer.Ordinal);

    /// <summary><c>HTTPEndpoint</c> resources: external HTTP APIs invoked by name.</summary>
    public List<HttpEndpointSpec> HttpEndpoints { get; } = [];

    /// <summary>The HTTP endpoint an app invokes as <paramref name="name"/>, if one is declared and scoped to the app.</summary>
    public HttpEndpointSpec? HttpEndpointFor(string name, string appId) =>
        HttpEndpoints.LastOrDefault(e => e.Name == name && e.IsVisibleTo(appId));

    public ComponentSpec? Find(string kind, string name) =>
        Components.FirstOrDefault(c => c.Kind == kind && c.Name == name);

    public IEnumerable<ComponentSpec> OfKind(string kind) => Components.Where(c => c.Kind == kind);
}

/// <summary>The parts of a <c>Configuration</c> resource the cluster honours.</summary>
public sealed record AppConfigurationSpec(
    string Name,
    IReadOnlyList<SecretScope> SecretScopes,
    AccessControlSpec? AccessControl);

/// <summary><c>spec.accessControl</c>: which caller app may invoke this app, per operation.</summary>
public sealed record AccessControlSpec(bool DefaultAllow, IReadOnlyList<AccessPolicy> Policies)
{
    public bool Permits(string callerAppId, string verb, string path)
    {
        var policy = Policies.FirstOrDefault(p => p.AppId == callerAppId);
        if (policy is null) return DefaultAllow;
        var op = policy.Operations.FirstOrDefault(o => AccessOperation.Matches(o.Path, path) &&
            (o.HttpVerbs.Count == 0 || o.HttpVerbs.Contains("*") || o.HttpVerbs.Contains(verb, StringComparer.OrdinalIgnoreCase)));
        return op is not null ? op.Allow : policy.DefaultAllow;
    }
}

public sealed record AccessPolicy(string AppId, bool DefaultAllow, IReadOnlyList<AccessOperation> Operations);

public sealed record AccessOperation(string Path, IReadOnlyList<string> HttpVerbs, bool Allow)
{
    /// <summary>Dapr operation names: exact, or a trailing <c>/*</c> (one segment) / <c>/**</c> (any depth).</summary>
    public static bool Matches(string pattern, string path)
    {
        path = "/" + path.TrimStart('/');
        pattern = "/" + pattern.TrimStart('/');
        if (pattern.EndsWith("/**", StringComparison.Ordinal)) return path.StartsWith(pattern[..^2], StringComparison.Ordinal);
        if (pattern.EndsWith("/*", StringComparison.Ordinal))
        {
            var prefix = pattern[..^1];
            return path.StartsWith(prefix, StringComparison.Ordinal) && !path[prefix.Length..].Contains('/');
        }
        return string.Equals(pattern, path, StringComparison.Ordinal);
    }
}
