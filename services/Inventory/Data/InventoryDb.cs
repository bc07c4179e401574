using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Inventory.Data;

/// <summary>
/// The inventory database: stock, its movement ledger, reservations and their lines, per-tenant settings (all
/// tenant-owned: filtered to the current tenant, failing closed), the processed-event ids and the outbox. Writes to
/// stock go through <see cref="StockCommands"/> (conditional SQL), never through change tracking.
/// </summary>
internal sealed class InventoryDb(DbContextOptions<InventoryDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<StockItem> Stock => Set<StockItem>();
    public DbSet<StockMovement> Movements => Set<StockMovement>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();
    public DbSet<InventorySettings> Settings => Set<InventorySettings>();

    // Re-read at every query execution, so a tenant set after the context was created still applies.
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>The tenant the hand-written SQL acts for; none in context is an error, never "all tenants".</summary>
    public Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("inventory: no tenant in context");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
