using DaprShop.Contracts.Catalog;
using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Inventory.Data.Configurations;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.ToTable("stock_items", t =>
        {
            // The last line of defence: whatever a statement computes, the table never holds an oversold figure.
            t.HasCheckConstraint("ck_stock_items_on_hand", "on_hand >= 0");
            t.HasCheckConstraint("ck_stock_items_reserved", "reserved >= 0 AND reserved <= on_hand");
            t.HasCheckConstraint("ck_stock_items_threshold", "low_stock_threshold >= 0");
        });
        builder.HasKey(s => new { s.TenantId, s.Sku });
        builder.Property(s => s.Sku).HasMaxLength(Skus.MaxLength);
        builder.Ignore(s => s.Available);
        builder.UseSnakeCaseColumns();
    }
}
