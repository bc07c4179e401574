using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Cart.Data.Configurations;

internal sealed class CartBackupConfiguration : IEntityTypeConfiguration<CartBackup>
{
    public void Configure(EntityTypeBuilder<CartBackup> b)
    {
        b.ToTable("cart_backups");
        b.HasKey(x => new { x.TenantId, x.CartId });
        b.Property(x => x.TenantId).HasColumnName("tenant_id");
        b.Property(x => x.CartId).HasColumnName("cart_id").HasMaxLength(80);
        b.Property(x => x.Document).HasColumnName("document").HasColumnType("jsonb");
        b.Property(x => x.Version).HasColumnName("version");
        b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class TenantCartSettingsConfiguration : IEntityTypeConfiguration<TenantCartSettings>
{
    public void Configure(EntityTypeBuilder<TenantCartSettings> b)
    {
        b.ToTable("cart_settings");
        b.HasKey(x => x.TenantId);
        b.Property(x => x.TenantId).HasColumnName("tenant_id");
        b.Property(x => x.DefaultTaxRate).HasColumnName("default_tax_rate").HasPrecision(7, 6);
    }
}

internal sealed class TaxRateRowConfiguration : IEntityTypeConfiguration<TaxRateRow>
{
    public void Configure(EntityTypeBuilder<TaxRateRow> b)
    {
        b.ToTable("tax_rates");
        b.HasKey(x => new { x.TenantId, x.Country, x.Region });
        b.Property(x => x.TenantId).HasColumnName("tenant_id");
        b.Property(x => x.Country).HasColumnName("country").HasMaxLength(2);
        b.Property(x => x.Region).HasColumnName("region").HasMaxLength(16);
        b.Property(x => x.Rate).HasColumnName("rate").HasPrecision(7, 6);
    }
}

internal sealed class ShippingRateRowConfiguration : IEntityTypeConfiguration<ShippingRateRow>
{
    public void Configure(EntityTypeBuilder<ShippingRateRow> b)
    {
        b.ToTable("shipping_rates");
        b.HasKey(x => new { x.TenantId, x.Currency });
        b.Property(x => x.TenantId).HasColumnName("tenant_id");
        b.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3);
        b.Property(x => x.FlatRate).HasColumnName("flat_rate").HasPrecision(18, 4);
        b.Property(x => x.FreeFrom).HasColumnName("free_from").HasPrecision(18, 4);
    }
}
