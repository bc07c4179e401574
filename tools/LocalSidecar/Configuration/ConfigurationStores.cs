using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Configuration;
public sealed class ConfigurationStores(LocalDaprCluster cluster) { internal LocalDaprCluster Cluster => cluster; }
