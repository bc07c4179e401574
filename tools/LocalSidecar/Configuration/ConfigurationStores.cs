using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Configuration;

/// <summary>The cluster's configuration stores, one engine per <c>configuration.*</c> component.</summary>
public sealed class ConfigurationStores(LocalDaprCluster cluster)
{
    readonly Dictionary<string, ConfigurationStoreEngine> _engines = cluster.Resources.OfKind("configuration")
        .ToDictionary(c => c.Name, c => new ConfigurationStoreEngine(c.Name), StringComparer.Ordinal);

    public ConfigurationStoreEngine this[string name] => _engines.TryGetValue(name, out var e)
        ? e : throw new KeyNotFoundException($"no configuration store named '{name}'");

    /// <summary>The store if it exists and is scoped to the app; null otherwise (daprd cannot see unscoped components).</summary>
    public ConfigurationStoreEngine? Open(AppSidecar sidecar, string name)
    {
        var component = cluster.Resources.Find("configuration", name);
        return component is not null && sidecar.CanUse(component) ? _engines.GetValueOrDefault(name) : null;
    }
}
