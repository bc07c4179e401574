using DaprShop.Contracts.Users;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Caching;
using DaprShop.Users.Data;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.IntegrationEvents;

/// <summary>
/// Keeps identity's lock on the profile, so ordering can refuse a locked buyer and staff see it. Events may arrive out
/// of order: the update applies only if the event is newer than the lock state already stored.
/// </summary>
internal sealed class UpdateLockOnUserLockChanged(UsersDb db, ITenantContext tenant, ProfileCache cache) : IIntegrationEventHandler<UserLockChanged>
{
    public async Task HandleAsync(UserLockChanged e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("UserLockChanged handled without a tenant");
        var occurredAt = e.OccurredAt.ToUniversalTime();
        var lockedUntil = e.Locked ? e.LockedUntil?.ToUniversalTime() : null;
        var updated = await db.Profiles
            .Where(p => p.UserId == e.UserId && (p.LockChangedAt == null || p.LockChangedAt < occurredAt))
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Locked, e.Locked)
                .SetProperty(p => p.LockedUntil, lockedUntil)
                .SetProperty(p => p.LockChangedAt, occurredAt), ct);
        if (updated == 0 && !await db.Profiles.AnyAsync(p => p.UserId == e.UserId, ct))
        {
            // Not an error of the event: its UserRegistered has not been handled yet. Redelivery retries it.
            throw new ProfileNotCreatedYetException(e.UserId);
        }

        cache.InvalidateAfterCommit(db, tenantId, e.UserId);
    }
}
