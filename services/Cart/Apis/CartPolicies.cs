using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authorization;

namespace DaprShop.Cart.Apis;

internal static class CartPolicies
{
    /// <summary>Anyone signed in to a tenant as a user (the cart is theirs: subject and tenant from the token).</summary>
    public const string Shopper = "cart-shopper";

    /// <summary>A cart request is a few hundred bytes.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static AuthorizationBuilder AddCartPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Shopper, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId)
            .RequireAssertion(c => Guid.TryParse(c.User.FindFirst(DaprShopClaims.Subject)?.Value, out _)));
}
