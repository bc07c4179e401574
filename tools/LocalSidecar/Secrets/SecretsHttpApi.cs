using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Secrets;
internal static class SecretsHttpApi { public static void Map(WebApplication web, AppSidecar sidecar) { } }
