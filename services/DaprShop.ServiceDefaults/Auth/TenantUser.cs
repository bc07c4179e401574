using System.Security.Claims;
using Microsoft.AspNetCore.Builder;

namespace DaprShop.ServiceDefaults.Auth;

/// <summary>
/// The signed-in user of a tenant: a route's requirement that the token names both as ids, and reading them back in a
/// handler.
/// </summary>
public static class TenantUser
{
    /// <summary>
    /// Any signed-in user of a tenant (customer, support or admin: staff own carts, profiles and messages too) whose
    /// token's subject and tenant are ids, so a handler always has both and the data layer a tenant to filter by.
    /// </summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.IsTenantUser()));

    /// <summary>The token names its tenant and its subject as ids (what <see cref="RequireTenantUser"/> asks for).</summary>
    public static bool IsTenantUser(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return HasIdClaim(user, DaprShopClaims.TenantId) && HasIdClaim(user, DaprShopClaims.Subject);
    }

    /// <summary>The token's subject as a user id (identity issues GUIDs).</summary>
    public static bool TryGetUserId(this ClaimsPrincipal user, out Guid userId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(DaprShopClaims.Subject), out userId);
    }

    /// <summary>
    /// The token's subject as a user id, for routes whose policy made sure of one; otherwise <see cref="Guid.Empty"/>,
    /// which owns nothing.
    /// </summary>
    public static Guid UserId(this ClaimsPrincipal user) => user.TryGetUserId(out var id) ? id : Guid.Empty;

    /// <summary>Admin or support of the caller's tenant: they act for customers.</summary>
    public static bool IsStaff(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
    }

    static bool HasIdClaim(ClaimsPrincipal user, string type) => Guid.TryParse(user.FindFirst(type)?.Value, out _);
}
