using System.Text.Json;
using DaprShop.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Catalog.Data.Postgres;

/// <summary>
/// The products table, in snake_case because the search is hand-written SQL (<see cref="ProductSearchSql"/>).
/// The full-text column <c>search_vector</c> and the indexes EF cannot express (GIN over tenant + tsvector, price, the
/// covering category-browse index) are
/// created by the Initial migration's SQL and are not mapped: no query here ever reads the vector back.
/// </summary>
internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public const string Table = "products";
    public const string UniqueSku = "ux_products_tenant_sku";
    public const string UniqueSlug = "ux_products_tenant_slug";

    public void Configure(EntityTypeBuilder<Product> p)
    {
        p.ToTable(Table);
        p.HasKey(x => x.Id);
        p.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        p.Property(x => x.TenantId).HasColumnName("tenant_id");
        p.Property(x => x.Sku).HasColumnName("sku").HasMaxLength(ProductRules.MaxSkuLength);
        p.Property(x => x.Name).HasColumnName("name").HasMaxLength(ProductRules.MaxNameLength);
        p.Property(x => x.Description).HasColumnName("description").HasMaxLength(ProductRules.MaxDescriptionLength);
        p.Property(x => x.Brand).HasColumnName("brand").HasMaxLength(ProductRules.MaxBrandLength);
        p.Property(x => x.CategoryPath).HasColumnName("category_path").HasMaxLength(CategoryPaths.MaxLength);
        p.ComplexProperty(x => x.Price, m =>
        {
            m.Property(x => x.Amount).HasColumnName("price_amount").HasPrecision(19, 4);
            m.Property(x => x.Currency).HasColumnName("price_currency").HasMaxLength(3);
        });
        p.ComplexProperty(x => x.Rating, r =>
        {
            r.Property(x => x.Average).HasColumnName("rating_average").HasPrecision(4, 2);
            r.Property(x => x.Count).HasColumnName("rating_count");
        });
        p.Property(x => x.Attributes).HasColumnName("attributes").HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    v => new Dictionary<string, string>(v, StringComparer.Ordinal)));
        p.Property(x => x.RatingVersion).HasColumnName("rating_version");
        p.Property(x => x.Images).HasColumnName("images");
        p.Property(x => x.Slug).HasColumnName("slug").HasMaxLength(Slugs.MaxLength);
        p.Property(x => x.Status).HasColumnName("status").HasMaxLength(10)
            .HasConversion(v => ProductStatuses.ToWire(v), v => ProductStatuses.FromWire(v));
        p.Property(x => x.CreatedAt).HasColumnName("created_at");
        p.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        p.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();

        p.HasIndex(x => new { x.TenantId, x.Sku }).IsUnique().HasDatabaseName(UniqueSku);
        p.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique().HasDatabaseName(UniqueSlug);
        p.HasIndex(x => new { x.TenantId, x.Brand }).HasDatabaseName("ix_products_tenant_brand");
        p.HasIndex(x => new { x.TenantId, x.Status, x.CreatedAt }).HasDatabaseName("ix_products_tenant_status_created")
            .IsDescending(false, false, true);
        p.HasIndex(x => x.Attributes).HasDatabaseName("ix_products_attributes").HasMethod("gin").HasOperators("jsonb_path_ops");
    }
}
