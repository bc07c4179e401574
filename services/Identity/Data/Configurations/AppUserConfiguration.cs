using DaprShop.Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaprShop.Identity.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        // Identity declares UserNameIndex and EmailIndex unique across the whole table; with them the same email
        // could not exist in two tenants. Uniqueness is per tenant instead.
        foreach (var name in new[] { "UserNameIndex", "EmailIndex" })
        {
            if (builder.Metadata.GetIndexes().SingleOrDefault(i => i.GetDatabaseName() == name) is { } index)
            {
                builder.Metadata.RemoveIndex(index);
            }
        }

        builder.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique().HasDatabaseName("UX_Users_Tenant_UserName");
        builder.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).IsUnique().HasDatabaseName("UX_Users_Tenant_Email");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
