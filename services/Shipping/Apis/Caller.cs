using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;

namespace DaprShop.Shipping.Apis;

internal static class Caller
{
    /// <summary>The token's subject as a user id (identity issues GUIDs).</summary>
    public static bool TryGetUserId(this ClaimsPrincipal user, out Guid userId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(DaprShopClaims.Subject), out userId);
    }

    /// <summary>
    /// Any signed-in user of a tenant whose token has an id subject and tenant: customers own shipments, and
    /// staff can too.
    /// </summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx =>
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.TenantId)?.Value, out _) &&
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.Subject)?.Value, out _)));
}
