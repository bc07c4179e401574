using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;

namespace DaprShop.Users.Apis;

internal static class Caller
{
    /// <summary>The token's subject as a user id; identity issues it as a GUID.</summary>
    public static bool TryGetUserId(this ClaimsPrincipal user, out Guid userId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(DaprShopClaims.Subject), out userId);
    }

    public static bool IsStaff(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
    }
}
