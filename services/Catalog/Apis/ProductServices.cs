using DaprShop.Catalog.Caching;
using DaprShop.Catalog.Data;
using DaprShop.Catalog.IntegrationEvents;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Catalog.Apis;

/// <summary>What the product endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record ProductServices(
    IProductStore Store,
    ProductCache Cache,
    ProductEvents Events,
    ITenantContext Tenant,
    TimeProvider Clock,
    HttpContext Http,
    CancellationToken CancellationToken)
{
    /// <summary>Set by the tenant middleware from the token; every product route requires a tenant claim.</summary>
    public Guid TenantId => Tenant.TenantId ?? throw new TenantIsolationException("catalog: a product route reached without a tenant");
}
