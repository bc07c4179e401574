using DaprShop.Contracts.Users;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Data;
using DaprShop.Users.Domain;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.IntegrationEvents;

/// <summary>
/// Creates the profile of a newly registered user. The kit runs this once per event id; the insert itself also does
/// nothing when the profile exists (<c>ON CONFLICT DO NOTHING</c>), so two deliveries racing each other, or a second
/// event for the same user, still leave exactly one profile — decided by the primary key, not by a check in C#.
/// </summary>
internal sealed class CreateProfileOnUserRegistered(UsersDb db, ITenantContext tenant, TimeProvider clock)
    : IIntegrationEventHandler<UserRegistered>
{
    public async Task HandleAsync(UserRegistered e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.UserId == Guid.Empty || string.IsNullOrWhiteSpace(e.Email) || e.Email.Length > ProfileLimits.EmailLength || e.Email.Contains('\0', StringComparison.Ordinal))
        {
            throw new PermanentEventFailureException($"UserRegistered {e.EventId} has no usable user id or email");
        }

        // Raw SQL bypasses the stamping interceptor, so the tenant is written explicitly: the event's, set by the kit.
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("UserRegistered handled without a tenant");
        var roles = (e.Roles ?? []).Where(r => !string.IsNullOrEmpty(r) && !r.Contains('\0', StringComparison.Ordinal)).ToArray();
        var now = clock.GetUtcNow();
        // No cache entry to drop: reads never cache a missing profile.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO profiles (tenant_id, user_id, email, normalized_email, roles, roles_changed_at, marketing_opt_in, locked, created_at, updated_at)
            VALUES ({tenantId}, {e.UserId}, {e.Email.Trim()}, {Profile.NormalizeEmail(e.Email)}, {roles}, {e.OccurredAt.ToUniversalTime()}, false, false, {now}, {now})
            ON CONFLICT (tenant_id, user_id) DO NOTHING
            """, ct);
    }
}
