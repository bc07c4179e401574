namespace DaprShop.ServiceDefaults.Tenancy;

/// <summary>
/// The tenant the current request (or handled event) acts for. Filled from the token's <c>tid</c> claim;
/// anonymous endpoints that name a tenant (sign-up, login) set it themselves. Null means "no tenant":
/// tenant-owned data is then invisible and unwritable (fail closed).
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>Sets the tenant once; a second, different tenant in the same scope is a bug and throws.</summary>
    void Set(Guid tenantId);
}
