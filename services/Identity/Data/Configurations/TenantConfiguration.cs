using DaprShop.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Identity.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public const string NormalizedName = "NormalizedName";

    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
        // Unique whatever the case ("Acme" and "ACME" are one shop): the database computes the lower-case name and its
        // unique index decides, so two concurrent creations cannot both pass a check made in C#.
        builder.Property<string>(NormalizedName).HasMaxLength(200).HasComputedColumnSql("lower(\"Name\")", stored: true);
        builder.HasIndex(NormalizedName).IsUnique();
        // At most one platform tenant: the bootstrap seeding relies on finding it again.
        builder.HasIndex(t => t.IsPlatform).IsUnique().HasFilter("\"IsPlatform\"");
        builder.ComplexProperty(t => t.Settings);
    }
}
