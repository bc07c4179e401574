using OpenIddict.Abstractions;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Ends every session of a user (lock, role change): all refresh-token families (authorizations) and their tokens
/// are revoked, so no refresh succeeds. Access tokens already issued stay valid at services that check only the
/// signature until they expire (15 minutes by default); <c>/api/v1/auth/validate</c> and introspection refuse them at once.
/// </summary>
internal sealed class SessionRevoker(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
    }
}
