using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Users.Domain;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.Data;

/// <summary>
/// The users database: profiles and addresses (both tenant-owned: every query is filtered to the current tenant and
/// fails closed), the processed-event ids of the user-event handlers, and the outbox the kit's event support brings.
/// </summary>
internal sealed class UsersDb(DbContextOptions<UsersDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Address> Addresses => Set<Address>();

    // Re-read at every query execution, so a tenant set after the context was created still applies.
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>
    /// Reads a profile and locks its row until the transaction ends (<c>FOR UPDATE</c>). Every change to a user's
    /// profile or addresses takes this lock first, so they happen one after another per user (address limit, default
    /// switch), while other users are not held up. The tenant filter still applies on top. Call inside a transaction.
    /// </summary>
    public Task<Profile?> LockProfileAsync(Guid tenantId, Guid userId, CancellationToken ct) =>
        Profiles.FromSql($"SELECT *, xmin FROM profiles WHERE tenant_id = {tenantId} AND user_id = {userId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// Saves address changes in an order the partial unique index (one default per type) accepts: it is checked row
    /// by row, so new defaults are written only after the old defaults have been cleared. Call inside a transaction.
    /// </summary>
    public async Task SaveAddressesAsync(CancellationToken ct)
    {
        // A new default: a row that is now the default of a (user, type) it was not the default of before.
        var newDefaults = ChangeTracker.Entries<Address>()
            .Where(e => e.Entity.IsDefault && (e.State == EntityState.Added ||
                (e.State == EntityState.Modified &&
                 (!e.Property(a => a.IsDefault).OriginalValue || e.Property(a => a.Type).OriginalValue != e.Entity.Type))))
            .Select(e => e.Entity)
            .ToList();
        foreach (var address in newDefaults)
        {
            address.IsDefault = false;
        }

        await SaveChangesAsync(ct);
        if (newDefaults.Count == 0) return;
        foreach (var address in newDefaults)
        {
            address.IsDefault = true;
        }

        await SaveChangesAsync(ct);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UsersDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
