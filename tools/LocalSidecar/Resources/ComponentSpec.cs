namespace DaprShop.LocalSidecar.Resources;

/// <summary>A Dapr <c>Component</c> resource as written in YAML.</summary>
public sealed record ComponentSpec(
    string Name,
    string Type,
    string Version,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Scopes,
    string SourceFile)
{
    /// <summary>The building block, e.g. <c>state</c> for <c>state.redis</c>.</summary>
    public string Kind => Type.Split('.')[0];

    /// <summary>An empty scope list means every app may use the component (Dapr's rule).</summary>
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    public string? Meta(string key) =>
        Metadata.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public bool MetaFlag(string key) => string.Equals(Meta(key), "true", StringComparison.OrdinalIgnoreCase);
}
