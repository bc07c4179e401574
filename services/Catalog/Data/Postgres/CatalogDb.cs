using DaprShop.Catalog.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Catalog.Data.Postgres;

/// <summary>
/// Catalog's PostgreSQL database (the adapter used where no MongoDB is configured): products, the outbox their events
/// commit in, and processed-event ids. Products are tenant-owned: the shared filter scopes every LINQ query to the
/// current tenant (no tenant, no rows) and the stamping interceptor refuses writes without one.
/// </summary>
internal sealed class CatalogDb(DbContextOptions<CatalogDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<Product> Products => Set<Product>();

    public Guid? CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ProductConfiguration());
        modelBuilder.AddOutbox();
        modelBuilder.AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}
