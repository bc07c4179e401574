using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tenancy;

public static class TenantModelBuilderExtensions
{
    /// <summary>Query filter name, so a platform-wide query can lift exactly this filter: <c>IgnoreQueryFilters([TenantFilter])</c>.</summary>
    public const string TenantFilter = "Tenant";

    /// <summary>
    /// Every <see cref="ITenantOwned"/> entity gets <c>TenantId == context.CurrentTenantId</c> as a named query filter
    /// (no tenant → no rows) and an index leading with TenantId. Call at the end of <c>OnModelCreating</c>.
    /// </summary>
    public static ModelBuilder ApplyTenantIsolation<TContext>(this ModelBuilder modelBuilder, TContext context)
        where TContext : DbContext, ITenantScopedDbContext
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes()
                     .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null && !e.IsOwned()))
        {
            var row = Expression.Parameter(entity.ClrType, "row");
            var rowTenant = Expression.Convert(Expression.Property(row, nameof(ITenantOwned.TenantId)), typeof(Guid?));
            var current = Expression.Property(Expression.Constant(context), nameof(ITenantScopedDbContext.CurrentTenantId));
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter, Expression.Lambda(Expression.Equal(rowTenant, current), row));
            if (!entity.GetIndexes().Any(i => i.Properties[0].Name == nameof(ITenantOwned.TenantId)))
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ITenantOwned.TenantId));
        }
        return modelBuilder;
    }
}
