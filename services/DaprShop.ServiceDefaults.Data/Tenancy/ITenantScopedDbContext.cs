namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>
/// A DbContext whose tenant-owned sets are filtered by <see cref="CurrentTenantId"/>. The filter must read a
/// member of the context (not a captured service) so EF evaluates it per context instance, not once per model.
/// </summary>
public interface ITenantScopedDbContext
{
    Guid? CurrentTenantId { get; }
}
