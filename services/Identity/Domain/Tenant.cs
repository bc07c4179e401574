namespace DaprShop.Identity.Domain;

/// <summary>
/// A tenant and the settings identity enforces for its users. Tenants are global rows (not tenant-owned):
/// only the platform admin creates or lists them.
/// </summary>
internal sealed class Tenant
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public bool IsPlatform { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public TenantSettings Settings { get; set; } = TenantSettings.Default;
}
