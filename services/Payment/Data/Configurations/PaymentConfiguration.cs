using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Payment.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Domain.Payment>
{
    public const string OnePerOrderIndex = "ux_payments_tenant_order";

    public void Configure(EntityTypeBuilder<Domain.Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        // The database, not C#, makes "one payment per order": concurrent authorisations of one order race on it.
        builder.HasIndex(p => new { p.TenantId, p.OrderId }).IsUnique().HasDatabaseName(OnePerOrderIndex);
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.CreatedAt });
        builder.Property(p => p.CardBrand).HasMaxLength(16);
        builder.Property(p => p.CardLast4).HasMaxLength(4).IsFixedLength();
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.State).HasMaxLength(16);
        foreach (var money in new[] { nameof(Domain.Payment.Amount), nameof(Domain.Payment.AuthorizedAmount), nameof(Domain.Payment.CaptureAmount),
                     nameof(Domain.Payment.CapturedAmount), nameof(Domain.Payment.RefundedAmount) })
            builder.Property(money).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        builder.Property(p => p.ProviderReference).HasMaxLength(64);
        builder.Property(p => p.FailureCode).HasMaxLength(64);
        builder.Property(p => p.FailureReason).HasMaxLength(256);
        builder.Property(p => p.Version).IsRowVersion();
        builder.ToTable(t => t.HasCheckConstraint("ck_payments_refunds_within_capture", "refunded_amount >= 0 AND refunded_amount <= captured_amount"));
    }
}

internal static class MoneyColumns
{
    /// <summary>Up to 10^15 with three decimals (the most any currency has); requests are bounded far below.</summary>
    public const int Precision = 18;

    public const int Scale = 3;
}
