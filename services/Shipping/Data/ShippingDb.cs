using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Shipping.Domain;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Shipping.Data;

/// <summary>
/// The shipping database: shipments with their lines and status history (tenant-owned: every query filtered to the
/// current tenant, failing closed), the carrier webhook events already applied, and the kit's outbox.
/// </summary>
internal sealed class ShippingDb(DbContextOptions<ShippingDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<ShipmentLine> ShipmentLines => Set<ShipmentLine>();
    public DbSet<ShipmentHistoryEntry> History => Set<ShipmentHistoryEntry>();
    public DbSet<ProcessedWebhook> ProcessedWebhooks => Set<ProcessedWebhook>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShippingDb).Assembly);
        modelBuilder.AddOutbox().AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
