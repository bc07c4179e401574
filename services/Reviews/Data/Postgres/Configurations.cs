using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Reviews.Data.Postgres;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public const string Table = "reviews";
    /// <summary>Once per product per customer: the database decides between concurrent submissions.</summary>
    public const string OnePerCustomerAndProduct = "ux_reviews_tenant_product_customer";

    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable(Table);
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Title).HasMaxLength(ReviewRules.MaxTitleLength);
        b.Property(r => r.Text).HasMaxLength(ReviewRules.MaxTextLength);
        b.Property(r => r.Status).HasMaxLength(10).HasConversion(v => v.ToWire(), v => ReviewStatuses.FromWire(v));
        b.Property(r => r.RejectionReason).HasMaxLength(ReviewRules.MaxReasonLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.TenantId, r.ProductId, r.CustomerId }).IsUnique().HasDatabaseName(OnePerCustomerAndProduct);
        // The public list (approved, by product, newest or most helpful first) and the moderation queue.
        b.HasIndex(r => new { r.TenantId, r.ProductId, r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.TenantId, r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.TenantId, r.CustomerId, r.CreatedAt });
        b.ToTable(t => t.HasCheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5"));
        b.UseSnakeCaseColumns();
        b.Property(r => r.Version).HasColumnName("version");
    }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> b)
    {
        b.ToTable("purchases");
        // The key is the rule: one purchase per tenant, customer and product, however many orders or deliveries.
        b.HasKey(p => new { p.TenantId, p.CustomerId, p.ProductId });
        b.UseSnakeCaseColumns();
    }
}

internal sealed class HelpfulVoteConfiguration : IEntityTypeConfiguration<HelpfulVote>
{
    public void Configure(EntityTypeBuilder<HelpfulVote> b)
    {
        b.ToTable("helpful_votes");
        // One vote per user and review: concurrent votes of one user race on the key.
        b.HasKey(v => new { v.TenantId, v.ReviewId, v.UserId });
        b.UseSnakeCaseColumns();
    }
}

internal sealed class ProductRatingConfiguration : IEntityTypeConfiguration<ProductRating>
{
    public void Configure(EntityTypeBuilder<ProductRating> b)
    {
        b.ToTable("product_ratings");
        b.HasKey(r => new { r.TenantId, r.ProductId });
        b.UseSnakeCaseColumns();
    }
}

internal sealed class ModerationSettingsConfiguration : IEntityTypeConfiguration<ModerationSettings>
{
    public void Configure(EntityTypeBuilder<ModerationSettings> b)
    {
        b.ToTable("moderation_settings");
        b.HasKey(s => s.TenantId);
        b.UseSnakeCaseColumns();
    }
}
