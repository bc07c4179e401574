using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Bindings;
internal static class BindingsHttpApi { public static void Map(WebApplication web, AppSidecar sidecar) { } }
