using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Cart.Data;

/// <summary>
/// The cart database: the carts' backups and each tenant's tax and shipping settings, all tenant-owned (every query is
/// filtered to the current tenant and fails closed). The carts themselves live in the actor state store.
/// </summary>
internal sealed class CartDb(DbContextOptions<CartDb> options, ITenantContext tenant) : DbContext(options), ITenantScopedDbContext
{
    public DbSet<CartBackup> Backups => Set<CartBackup>();
    public DbSet<TenantCartSettings> Settings => Set<TenantCartSettings>();
    public DbSet<TaxRateRow> TaxRates => Set<TaxRateRow>();
    public DbSet<ShippingRateRow> ShippingRates => Set<ShippingRateRow>();

    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>
    /// Creates the tenant's settings row if missing and locks it until the transaction ends, so two replacements of a
    /// rate table run one after the other instead of colliding on the table's keys. Call inside a transaction.
    /// </summary>
    public Task LockSettingsAsync(Guid tenantId, CancellationToken ct) =>
        Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO cart_settings (tenant_id, default_tax_rate) VALUES ({tenantId}, 0)
            ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = excluded.tenant_id
            """, ct);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CartDb).Assembly);
        // OrderConfirmed deliveries already applied (the kit's MapIntegrationEvent); cart publishes nothing, so no outbox.
        modelBuilder.AddProcessedEvents();
        modelBuilder.ApplyTenantIsolation(this);
    }
}

/// <summary>A cart's last backed-up state (the JSON document the actor keeps), by tenant and cart (user id or <c>guest:{id}</c>).</summary>
internal sealed class CartBackup : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string CartId { get; set; } = "";
    public string Document { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TenantCartSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public decimal DefaultTaxRate { get; set; }
}

internal sealed class TaxRateRow : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Country { get; set; } = "";
    public string Region { get; set; } = "";
    public decimal Rate { get; set; }
}

internal sealed class ShippingRateRow : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Currency { get; set; } = "";
    public decimal FlatRate { get; set; }
    public decimal? FreeFrom { get; set; }
}
