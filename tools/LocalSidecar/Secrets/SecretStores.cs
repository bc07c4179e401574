using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Secrets;
public sealed class SecretStores(LocalDaprCluster cluster) { internal LocalDaprCluster Cluster => cluster; }
