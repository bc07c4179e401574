using DaprShop.Contracts.Users;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Caching;
using DaprShop.Users.Data;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.IntegrationEvents;

/// <summary>Keeps identity's roles on the profile for staff views; an older event than the stored roles changes nothing.</summary>
internal sealed class UpdateRolesOnUserRolesChanged(UsersDb db, ITenantContext tenant, ProfileCache cache) : IIntegrationEventHandler<UserRolesChanged>
{
    public async Task HandleAsync(UserRolesChanged e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("UserRolesChanged handled without a tenant");
        var roles = (e.Roles ?? []).Where(r => !string.IsNullOrEmpty(r) && !r.Contains('\0', StringComparison.Ordinal)).ToList();
        var occurredAt = e.OccurredAt.ToUniversalTime();
        var updated = await db.Profiles
            .Where(p => p.UserId == e.UserId && p.RolesChangedAt < occurredAt)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Roles, roles)
                .SetProperty(p => p.RolesChangedAt, occurredAt), ct);
        if (updated == 0 && !await db.Profiles.AnyAsync(p => p.UserId == e.UserId, ct))
        {
            throw new ProfileNotCreatedYetException(e.UserId);
        }

        cache.InvalidateAfterCommit(db, tenantId, e.UserId);
    }
}
