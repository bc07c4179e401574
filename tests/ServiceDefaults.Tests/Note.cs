using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.ServiceDefaults.Tests;

/// <summary>A minimal tenant-owned entity for exercising the shared tenancy rules on real PostgreSQL.</summary>
public sealed class Note : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Text { get; set; } = "";
}
