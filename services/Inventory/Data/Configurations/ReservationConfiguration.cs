using DaprShop.Contracts.Catalog;
using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Inventory.Data.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("reservations");
        // An order id means something only inside its tenant; it is also the idempotency key of reserve.
        builder.HasKey(r => new { r.TenantId, r.OrderId });
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => new { l.TenantId, l.OrderId }).OnDelete(DeleteBehavior.Cascade);
        // The expiry sweep's search: held reservations by expiry, across tenants.
        builder.HasIndex(r => r.ExpiresAt).HasFilter("status = 'held'").HasDatabaseName("ix_reservations_held_expiry");
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class ReservationLineConfiguration : IEntityTypeConfiguration<ReservationLine>
{
    public void Configure(EntityTypeBuilder<ReservationLine> builder)
    {
        builder.ToTable("reservation_lines");
        builder.HasKey(l => new { l.TenantId, l.OrderId, l.Sku });
        builder.Property(l => l.Sku).HasMaxLength(Skus.MaxLength);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class InventorySettingsConfiguration : IEntityTypeConfiguration<InventorySettings>
{
    public void Configure(EntityTypeBuilder<InventorySettings> builder)
    {
        builder.ToTable("inventory_settings");
        builder.HasKey(s => s.TenantId);
        builder.UseSnakeCaseColumns();
    }
}
