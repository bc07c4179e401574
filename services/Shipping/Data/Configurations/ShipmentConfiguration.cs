using DaprShop.ServiceDefaults.Data;
using DaprShop.Shipping.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Shipping.Data.Configurations;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public const string OnePerOrderIndex = "ux_shipments_tenant_order";

    public void Configure(EntityTypeBuilder<Shipment> builder)
    {
        builder.ToTable("shipments");
        builder.HasKey(s => s.Id);
        // The database, not C#, makes "one shipment per order": concurrent requests for one order race on it.
        builder.HasIndex(s => new { s.TenantId, s.OrderId }).IsUnique().HasDatabaseName(OnePerOrderIndex);
        builder.HasIndex(s => new { s.TenantId, s.CustomerId, s.CreatedAt });
        // The dispatch sweep's queue: requested shipments by when they are due.
        builder.HasIndex(s => new { s.Status, s.NextAttemptAt });
        builder.HasIndex(s => new { s.Carrier, s.TrackingNumber }).IsUnique();
        builder.Property(s => s.OrderNumber).HasMaxLength(32);
        builder.Property(s => s.ServiceLevel).HasMaxLength(16);
        builder.Property(s => s.Status).HasMaxLength(24);
        builder.Property(s => s.Carrier).HasMaxLength(32);
        builder.Property(s => s.LabelId).HasMaxLength(64);
        builder.Property(s => s.TrackingNumber).HasMaxLength(64);
        builder.Property(s => s.RateAmount).HasPrecision(18, 3);
        builder.Property(s => s.RateCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.LastError).HasMaxLength(256);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> builder)
    {
        builder.ToTable("shipment_lines");
        builder.HasKey(l => new { l.ShipmentId, l.LineNo });
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class ShipmentHistoryConfiguration : IEntityTypeConfiguration<ShipmentHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ShipmentHistoryEntry> builder)
    {
        builder.ToTable("shipment_history");
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => new { h.TenantId, h.ShipmentId, h.At });
        builder.Property(h => h.Status).HasMaxLength(24);
        builder.Property(h => h.Source).HasMaxLength(64);
        builder.Property(h => h.Detail).HasMaxLength(256);
        builder.HasOne<Shipment>().WithMany().HasForeignKey(h => h.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class ProcessedWebhookConfiguration : IEntityTypeConfiguration<ProcessedWebhook>
{
    public void Configure(EntityTypeBuilder<ProcessedWebhook> builder)
    {
        builder.ToTable("processed_webhooks");
        builder.HasKey(w => w.EventId);
        builder.Property(w => w.EventId).HasMaxLength(128);
        builder.Property(w => w.Type).HasMaxLength(64);
        builder.UseSnakeCaseColumns();
    }
}
