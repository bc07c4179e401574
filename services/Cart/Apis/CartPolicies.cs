using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Cart.Apis;

internal static class CartPolicies
{
    /// <summary>Anyone signed in to a tenant as a user (the cart is theirs: subject and tenant from the token).</summary>
    public const string Shopper = "cart-shopper";

    /// <summary>A cart request is a few hundred bytes; a larger body is refused (413) before it is read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static AuthorizationBuilder AddCartPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Shopper, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId)
            .RequireAssertion(c => Guid.TryParse(c.User.FindFirst(DaprShopClaims.Subject)?.Value, out _)));

    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
}
