using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authorization;

namespace DaprShop.Catalog.Apis;

/// <summary>Catalog's own policy beside the shared ones.</summary>
internal static class CatalogPolicies
{
    /// <summary>
    /// Any signed-in caller acting for a tenant (customer, support, admin, or a service forwarding its caller's token).
    /// A token without a tenant is refused (403) here rather than reaching a store that would refuse it anyway.
    /// </summary>
    public const string TenantMember = "catalog-tenant-member";

    public static AuthorizationBuilder AddCatalogPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireClaim(DaprShopClaims.TenantId));
}
