using System.Security.Claims;
using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authorization;

namespace DaprShop.Reviews.Apis;

/// <summary>Reviews' own policies beside the shared ones.</summary>
internal static class ReviewsPolicies
{
    /// <summary>Any signed-in caller of a tenant: reads the approved reviews and ratings.</summary>
    public const string TenantMember = "reviews-tenant-member";

    /// <summary>A customer of the tenant whose token's subject is a user id: writes, edits and votes.</summary>
    public const string Author = "reviews-author";

    public static AuthorizationBuilder AddReviewsPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasGuidClaim(c.User, DaprShopClaims.TenantId)))
        .AddPolicy(Author, p => p.RequireAuthenticatedUser().RequireRole(Roles.Customer)
            .RequireAssertion(c => c.User.IsTenantUser()));

    static bool HasGuidClaim(ClaimsPrincipal user, string type) => Guid.TryParse(user.FindFirst(type)?.Value, out _);
}
