using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Inventory.Domain;

/// <summary>
/// A tenant's stock of one SKU. Changed only by single conditional SQL statements (Data/StockCommands.cs), never by
/// reading this object, changing it and saving it: the database decides whether a hold or a decrement fits.
/// </summary>
public sealed class StockItem : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Sku { get; set; }
    public long OnHand { get; set; }
    public long Reserved { get; set; }
    /// <summary>Below this many available units a <c>LowStock</c> event is published; 0 = no alert.</summary>
    public long LowStockThreshold { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public long Available => OnHand - Reserved;
}
