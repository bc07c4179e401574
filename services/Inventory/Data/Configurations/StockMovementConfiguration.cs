using DaprShop.Contracts.Catalog;
using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Inventory.Data.Configurations;

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("stock_movements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Sku).HasMaxLength(Skus.MaxLength);
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.Reason).HasMaxLength(StockRules.ReasonLength);
        builder.Property(m => m.Actor).HasMaxLength(100);
        builder.HasIndex(m => new { m.TenantId, m.Sku, m.OccurredAt });
        // An admin's adjustment id is applied once per tenant: a retry finds it here and gets the first answer.
        builder.HasIndex(m => new { m.TenantId, m.AdjustmentId }).IsUnique().HasFilter("adjustment_id IS NOT NULL");
        builder.UseSnakeCaseColumns();
    }
}
