using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;

namespace DaprShop.Identity.Apis;

/// <summary>Authorization policies of identity's own, beside the shared ones in <c>DaprShop.ServiceDefaults.Auth.Policies</c>.</summary>
internal static class IdentityPolicies
{
    /// <summary>
    /// A token identity still stands behind: validated by OpenIddict against its token and authorization entries, so a
    /// token revoked by logout, lock, role or password change is refused at once (the shared JWT bearer check accepts
    /// it until it expires). For <c>/validate</c> and for writes on one's own account.
    /// </summary>
    public const string LiveToken = "live-token";

    public static AuthorizationBuilder AddIdentityPolicies(this AuthorizationBuilder policies) => policies
        .AddPolicy(LiveToken, p => p
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser());
}
