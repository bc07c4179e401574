using DaprShop.Payment.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Payment.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public const string OnePerKeyIndex = "ux_refunds_tenant_payment_key";

    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        // One refund per payment and Idempotency-Key: a retried refund finds the first, never a second.
        builder.HasIndex(r => new { r.TenantId, r.PaymentId, r.IdempotencyKey }).IsUnique().HasDatabaseName(OnePerKeyIndex);
        builder.Property(r => r.Amount).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(128);
        builder.Property(r => r.State).HasMaxLength(16);
        builder.Property(r => r.ProviderReference).HasMaxLength(64);
        builder.Property(r => r.FailureCode).HasMaxLength(64);
        builder.Property(r => r.RequestedBy).HasMaxLength(64);
        builder.HasOne<Domain.Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
