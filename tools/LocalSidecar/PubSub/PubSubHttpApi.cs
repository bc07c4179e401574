using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.PubSub;
internal static class PubSubHttpApi { public static void Map(WebApplication web, AppSidecar sidecar) { } }
