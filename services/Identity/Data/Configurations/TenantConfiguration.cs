using DaprShop.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Identity.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
        // At most one platform tenant: the bootstrap seeding relies on finding it again.
        builder.HasIndex(t => t.IsPlatform).IsUnique().HasFilter("\"IsPlatform\"");
        builder.ComplexProperty(t => t.Settings);
    }
}
