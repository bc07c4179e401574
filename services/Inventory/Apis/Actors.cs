using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Inventory.Apis;

/// <summary>The ledger's "who": the signed-in user, or the app that called through its sidecar.</summary>
internal static class Actors
{
    public static string Of(ClaimsPrincipal user) => $"user:{user.FindFirstValue(DaprShopClaims.Subject) ?? "unknown"}";

    public static string Of(HttpRequest request) => $"app:{request.Headers[ServiceCallers.CallerAppIdHeader]}";
}
