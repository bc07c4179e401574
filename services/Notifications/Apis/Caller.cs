using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Notifications.Apis;

internal static class Caller
{
    /// <summary>The token's subject as a user id (identity issues GUIDs).</summary>
    public static Guid UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(DaprShopClaims.Subject), out var id) ? id : Guid.Empty;
    }

    /// <summary>Any signed-in user of a tenant whose token has an id subject and tenant (customers, and staff for their own).</summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx =>
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.TenantId)?.Value, out _) &&
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.Subject)?.Value, out _)));

    /// <summary>A template of 20,000 characters is the largest body; Kestrel's default would read 30 MB first.</summary>
    public const long MaxBodyBytes = 128 * 1024;

    /// <summary>Refuses a larger body with 413 problem+json before it is read.</summary>
    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
}
