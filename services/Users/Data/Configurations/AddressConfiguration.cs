using DaprShop.ServiceDefaults.Data;
using DaprShop.Users.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Users.Data.Configurations;

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public const string OneDefaultPerTypeIndex = "ux_addresses_one_default_per_type";

    public void Configure(EntityTypeBuilder<Address> builder)
    {
        builder.ToTable("addresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Type)
            .HasConversion(t => t.ToCode(), code => AddressTypes.Parse(code))
            .HasMaxLength(8);
        builder.Property(a => a.RecipientName).HasMaxLength(Validation.TextRules.LineLength);
        builder.Property(a => a.Company).HasMaxLength(Validation.TextRules.LineLength);
        builder.Property(a => a.Line1).HasMaxLength(Validation.TextRules.LineLength);
        builder.Property(a => a.Line2).HasMaxLength(Validation.TextRules.LineLength);
        builder.Property(a => a.City).HasMaxLength(Validation.TextRules.NameLength);
        builder.Property(a => a.Region).HasMaxLength(Validation.TextRules.NameLength);
        builder.Property(a => a.PostalCode).HasMaxLength(Validation.AddressRequestValidator.PostalCodeLength);
        builder.Property(a => a.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(a => a.Phone).HasMaxLength(16);
        builder.Property(a => a.Version).IsRowVersion();

        builder.HasOne<Profile>().WithMany()
            .HasForeignKey(a => new { a.TenantId, a.UserId })
            .OnDelete(DeleteBehavior.Cascade);
        // Listing a user's addresses; the partial index below serves only default lookups.
        builder.HasIndex(a => new { a.TenantId, a.UserId }).HasDatabaseName("ix_addresses_tenant_user");
        // The database, not C#, guarantees one default per user and type: two concurrent switches cannot both win.
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.Type })
            .IsUnique()
            .HasFilter("is_default")
            .HasDatabaseName(OneDefaultPerTypeIndex);
        builder.UseSnakeCaseColumns();
    }
}
