namespace DaprShop.ServiceDefaults.Tenancy;

internal sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Set(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
            throw new TenantIsolationException($"the scope already acts for tenant {current}; refusing to switch to {tenantId}");
        TenantId = tenantId;
    }
}
