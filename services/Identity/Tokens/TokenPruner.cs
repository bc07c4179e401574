using DaprShop.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Deletes token rows nobody can use any more: expired more than 24 hours ago, or revoked/redeemed/rejected and
/// created more than 30 days ago, then the authorizations (refresh families) left empty.
/// OpenIddict's own <c>PruneAsync</c> has a single creation-date threshold and reads <c>DateTime.UtcNow</c>, so the
/// token deletes are ours, on the injected clock. Tokens carry no revocation date: the creation date stands in for it
/// (a revoked token is at most one refresh lifetime older than its revocation).
/// Idempotent: running it twice deletes nothing the second time.
/// </summary>
internal sealed class TokenPruner(IdentityDb db, IOpenIddictAuthorizationManager authorizations, TimeProvider clock, ILogger<TokenPruner> logger)
{
    public static readonly TimeSpan ExpiredRetention = TimeSpan.FromHours(24);
    public static readonly TimeSpan SpentRetention = TimeSpan.FromDays(30);

    public async Task<PruneResult> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expiredBefore = now - ExpiredRetention;
        var spentBefore = now - SpentRetention;
        var tokens = db.Set<OpenIddictEntityFrameworkCoreToken>();

        var expired = await tokens
            .Where(t => t.ExpirationDate < expiredBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var spent = await tokens
            .Where(t => (t.Status == Statuses.Revoked || t.Status == Statuses.Redeemed || t.Status == Statuses.Rejected)
                        && t.CreationDate < spentBefore)
            .ExecuteDeleteAsync(cancellationToken);

        // Ad-hoc (refresh family) or revoked authorizations older than the threshold with no token left.
        var families = await authorizations.PruneAsync(new DateTimeOffset(spentBefore, TimeSpan.Zero), cancellationToken);

        logger.LogInformation("Pruned {Expired} expired and {Spent} spent tokens, {Authorizations} authorizations", expired, spent, families);
        return new PruneResult(expired, spent, families);
    }
}
