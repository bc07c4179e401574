using DaprShop.ServiceDefaults.Auth;

namespace DaprShop.Users.Apis;

internal static class TenantUserPolicy
{
    /// <summary>
    /// Any signed-in user of a tenant (customer, support or admin: staff have profiles too), with a token whose subject
    /// and tenant are ids — so a handler always has both, and the data layer a tenant to filter by.
    /// </summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx =>
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.TenantId)?.Value, out _) &&
                Guid.TryParse(ctx.User.FindFirst(DaprShopClaims.Subject)?.Value, out _)));
}
