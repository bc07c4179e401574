using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Configuration;
internal static class ConfigurationHttpApi { public static void Map(WebApplication web, AppSidecar sidecar) { } }
