using DaprShop.Ordering.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Ordering.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Number).HasMaxLength(32);
        builder.HasIndex(o => new { o.TenantId, o.Number }).IsUnique().HasDatabaseName("ux_orders_tenant_number");
        // A customer's own list, newest first; and the duplicate check (same request hash, recent).
        builder.HasIndex(o => new { o.TenantId, o.CustomerId, o.CreatedAt });
        builder.HasIndex(o => new { o.TenantId, o.CustomerId, o.RequestHash });
        builder.Property(o => o.Status).HasMaxLength(16);
        builder.Property(o => o.StatusReason).HasMaxLength(500);
        builder.Property(o => o.PaymentMethodToken).HasMaxLength(128);
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Total).HasPrecision(18, 3);
        builder.Property(o => o.AttentionReason).HasMaxLength(500);
        builder.Property(o => o.AttentionResolution).HasMaxLength(500);
        // The operators' list: only the few flagged orders are in it, newest flag first.
        builder.HasIndex(o => new { o.TenantId, o.AttentionAt }).HasFilter("needs_attention").HasDatabaseName("ix_orders_attention");
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => new { l.OrderId, l.LineNo });
        builder.Property(l => l.Sku).HasMaxLength(64);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 3);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.ToTable("order_status_history");
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => new { h.TenantId, h.OrderId, h.At });
        builder.Property(h => h.FromStatus).HasMaxLength(16);
        builder.Property(h => h.ToStatus).HasMaxLength(16);
        builder.Property(h => h.Cause).HasMaxLength(64);
        builder.Property(h => h.Reason).HasMaxLength(500);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        // The unique key concurrent requests with one key queue on.
        builder.HasKey(k => new { k.TenantId, k.CallerId, k.KeyHash });
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Fingerprint).HasMaxLength(64);
        builder.HasIndex(k => k.CreatedAt);
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class OrderSequenceConfiguration : IEntityTypeConfiguration<OrderSequence>
{
    public void Configure(EntityTypeBuilder<OrderSequence> builder)
    {
        builder.ToTable("order_sequences");
        builder.HasKey(s => new { s.TenantId, s.Year });
        builder.UseSnakeCaseColumns();
    }
}

internal sealed class PlacementCounterConfiguration : IEntityTypeConfiguration<PlacementCounter>
{
    public void Configure(EntityTypeBuilder<PlacementCounter> builder)
    {
        builder.ToTable("placement_counters");
        builder.HasKey(c => new { c.TenantId, c.CustomerId, c.WindowStart });
        builder.UseSnakeCaseColumns();
    }
}
