using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Testing.Tenancy;

/// <summary>The tenant a store under test acts for (or none).</summary>
public sealed class FixedTenant(Guid? tenantId) : ITenantContext, ICorrelationContext
{
    public Guid? TenantId { get; private set; } = tenantId;

    public string CorrelationId => "store-contract";

    public void Set(Guid tenantId) => TenantId = TenantId is null || TenantId == tenantId ? tenantId : throw new TenantIsolationException("switch");
}
