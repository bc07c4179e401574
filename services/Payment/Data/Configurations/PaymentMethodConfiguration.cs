using DaprShop.Payment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Payment.Data.Configurations;

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.ToTable("payment_methods");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Token).HasMaxLength(64);
        builder.HasIndex(m => new { m.TenantId, m.Token }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.CustomerId });
        builder.Property(m => m.Brand).HasMaxLength(16);
        builder.Property(m => m.Last4).HasMaxLength(4).IsFixedLength();
    }
}
