using DaprShop.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Ends sessions. A session is an OpenIddict authorization (the refresh family of one sign-in) with its tokens;
/// revoking the authorization row is what makes every token of the family unusable, including one issued a moment
/// later (refresh and <c>/validate</c> check the authorization entry); the tokens are revoked too, so no row says
/// "valid" for a dead session. Access tokens stay valid at services that check only the signature until they expire.
/// </summary>
internal sealed class SessionRevoker(IdentityDb db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    /// <summary>Every session of a user (lock, role change, password change).</summary>
    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
    }

    /// <summary>
    /// One session (logout, refresh-token reuse). One UPDATE each, whatever another request is doing with the same
    /// rows: no read-modify-write that a concurrent writer could make fail and leave the session valid.
    /// </summary>
    public async Task RevokeSessionAsync(string authorizationId, CancellationToken cancellationToken)
    {
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Id == authorizationId && a.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(a => a
                .SetProperty(x => x.Status, Statuses.Revoked)
                .SetProperty(x => x.ConcurrencyToken, Guid.NewGuid().ToString()), cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
    }

    public Task<bool> IsRevokedAsync(string authorizationId, CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
            .AnyAsync(a => a.Id == authorizationId && a.Status != Statuses.Valid, cancellationToken);
}
