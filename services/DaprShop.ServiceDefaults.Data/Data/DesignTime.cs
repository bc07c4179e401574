using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Data;

/// <summary>
/// What a service's design-time factory (<c>Data/&lt;Svc&gt;DbFactory.cs</c>) hands its DbContext, so <c>dotnet ef</c> builds
/// the model without starting the app and its sidecar: PostgreSQL options whose connection string <c>migrations add</c>
/// never opens, and a tenant context acting for no tenant.
/// </summary>
public static class DesignTime
{
    public static DbContextOptions<TContext> Options<TContext>(string database) where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql($"Host=localhost;Database={database};Username=daprshop;Password=daprshop").Options;

    public static ITenantContext NoTenant() => new DesignTimeTenantContext();

    sealed class DesignTimeTenantContext : ITenantContext
    {
        public Guid? TenantId { get; private set; }

        public void Set(Guid tenantId) => TenantId = tenantId;
    }
}
