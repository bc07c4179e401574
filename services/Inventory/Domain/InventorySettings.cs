using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Inventory.Domain;

/// <summary>A tenant's inventory settings; a tenant without a row has the configured defaults.</summary>
public sealed class InventorySettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public int ReservationMinutes { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
