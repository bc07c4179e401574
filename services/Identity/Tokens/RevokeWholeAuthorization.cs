using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Logout: OpenIddict's revocation endpoint revokes only the token presented. This handler, run right after it,
/// revokes the token's authorization (the refresh family of one sign-in) and every token in it, so neither the
/// rotated refresh tokens nor the session's access tokens survive (introspection and /validate refuse them at once).
/// </summary>
internal sealed class RevokeWholeAuthorization(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    : IOpenIddictServerHandler<OpenIddictServerEvents.HandleRevocationRequestContext>
{
    public async ValueTask HandleAsync(OpenIddictServerEvents.HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GenericTokenPrincipal?.GetAuthorizationId() is not { Length: > 0 } id)
        {
            return;
        }

        // TryRevokeAsync sets the authorization's status only; the tokens need their own revocation.
        if (await authorizations.FindByIdAsync(id, context.CancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, context.CancellationToken);
        }

        await tokens.RevokeByAuthorizationIdAsync(id, context.CancellationToken);
    }
}
