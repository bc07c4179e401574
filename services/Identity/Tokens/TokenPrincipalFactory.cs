using System.Collections.Immutable;
using System.Security.Claims;
using DaprShop.Identity.Domain;
using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Tokens;

/// <summary>Builds the principal OpenIddict turns into an access token (JWT) and a refresh token.</summary>
internal static class TokenPrincipalFactory
{
    public static async Task<ClaimsPrincipal> CreateAsync(AppUser user, TenantSettings settings, UserManager<AppUser> users, string audience)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(DaprShopClaims.TenantId, user.TenantId.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);

        // The security stamp travels only in the (encrypted) refresh token; a refresh compares it with the user's
        // current stamp, so a password change, lock or role change ends every session at its next refresh.
        var stampType = users.Options.ClaimsIdentity.SecurityStampClaimType;
        identity.SetClaim(stampType, await users.GetSecurityStampAsync(user));

        identity.SetScopes(Scopes.OfflineAccess);   // without offline_access OpenIddict issues no refresh token
        identity.SetResources(audience);            // becomes "aud", which every service validates
        // Set on every issue (refresh included), so a changed tenant setting applies from the next refresh.
        identity.SetAccessTokenLifetime(settings.AccessTokenLifetime)
            .SetRefreshTokenLifetime(settings.RefreshTokenLifetime);

        identity.SetDestinations(claim => claim.Type == stampType ? ImmutableArray<string>.Empty : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
