using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Logout: OpenIddict's revocation endpoint revokes only the token presented. This handler, run right after it,
/// ends the token's whole session (the refresh family of one sign-in), so neither the rotated refresh tokens nor the
/// session's access tokens survive (introspection and /validate refuse them at once).
/// </summary>
internal sealed class RevokeWholeAuthorization(SessionRevoker sessions) : IOpenIddictServerHandler<OpenIddictServerEvents.HandleRevocationRequestContext>
{
    public async ValueTask HandleAsync(OpenIddictServerEvents.HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GenericTokenPrincipal?.GetAuthorizationId() is { Length: > 0 } id)
        {
            await sessions.RevokeSessionAsync(id, context.CancellationToken);
        }
    }
}
