using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Inventory.Domain;

/// <summary>An order's hold on stock; its status changes only by conditional updates from <c>held</c>.</summary>
public sealed class Reservation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    /// <summary>One of <see cref="Contracts.Inventory.ReservationStatuses"/>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ReservationLine> Lines { get; set; } = [];
}

public sealed class ReservationLine : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public required string Sku { get; set; }
    public int Quantity { get; set; }
}
