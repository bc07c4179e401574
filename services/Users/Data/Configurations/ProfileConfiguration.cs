using DaprShop.ServiceDefaults.Data;
using DaprShop.Users.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Users.Data.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("profiles");
        // A user id means something only inside its tenant: the key carries the tenant too.
        builder.HasKey(p => new { p.TenantId, p.UserId });
        builder.Property(p => p.Email).HasMaxLength(ProfileLimits.EmailLength);
        builder.Property(p => p.NormalizedEmail).HasMaxLength(ProfileLimits.EmailLength);
        builder.Property(p => p.DisplayName).HasMaxLength(Validation.TextRules.NameLength);
        builder.Property(p => p.FirstName).HasMaxLength(Validation.TextRules.NameLength);
        builder.Property(p => p.LastName).HasMaxLength(Validation.TextRules.NameLength);
        builder.Property(p => p.Phone).HasMaxLength(16);
        builder.Property(p => p.Locale).HasMaxLength(35);
        builder.Property(p => p.Roles).HasColumnType("text[]");
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.TenantId, p.NormalizedEmail });
        builder.UseSnakeCaseColumns();
    }
}
