using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Actors;
internal static class ActorHttpApi { public static void Map(WebApplication web, AppSidecar sidecar) { } }
