using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>
/// Stamps new tenant-owned rows with the context's tenant and refuses any write without one, or into
/// another tenant — so a forgotten assignment can never leak a row across tenants.
/// </summary>
public sealed class TenantStampingInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Stamp(DbContext? context)
    {
        if (context is not ITenantScopedDbContext scoped) return;
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var tenant = scoped.CurrentTenantId
                ?? throw new TenantIsolationException($"{entry.Metadata.ClrType.Name}: a write with no tenant in context");
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty) entry.Entity.TenantId = tenant;
            if (entry.Entity.TenantId != tenant)
                throw new TenantIsolationException($"{entry.Metadata.ClrType.Name}: a write for tenant {entry.Entity.TenantId} while acting for {tenant}");
        }
    }
}
