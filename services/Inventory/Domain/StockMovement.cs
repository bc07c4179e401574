using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Inventory.Domain;

/// <summary>
/// One line of a SKU's ledger, written in the statement that changed the stock: the deltas and the figures after
/// (before = after − delta), so the deltas of a SKU always sum to its current on-hand and reserved quantities.
/// </summary>
public sealed class StockMovement : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Sku { get; set; }
    /// <summary>One of <see cref="MovementKinds"/>.</summary>
    public required string Kind { get; set; }
    public long OnHandDelta { get; set; }
    public long ReservedDelta { get; set; }
    public long OnHandAfter { get; set; }
    public long ReservedAfter { get; set; }
    public required string Reason { get; set; }
    /// <summary>Who: <c>user:&lt;id&gt;</c>, <c>app:&lt;app-id&gt;</c>, <c>event:&lt;type&gt;</c> or <c>system:expiry</c>.</summary>
    public required string Actor { get; set; }
    public Guid? OrderId { get; set; }
    public Guid? AdjustmentId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
