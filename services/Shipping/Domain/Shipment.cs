using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Shipping.Domain;

/// <summary>
/// The one shipment of an order (unique per tenant and order id). <see cref="Status"/> moves only along
/// <see cref="ShipmentTransitions"/>, each move one conditional UPDATE (<c>Dispatch/ShipmentMoves.cs</c>) that also
/// writes a <see cref="ShipmentHistoryEntry"/>. While <c>requested</c>, <see cref="NextAttemptAt"/> says when the
/// dispatch sweep buys the label next (the carrier was down).
/// </summary>
internal sealed class Shipment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public string? OrderNumber { get; set; }
    public Guid CustomerId { get; set; }
    public Guid ShippingAddressId { get; set; }
    public string ServiceLevel { get; set; } = ServiceLevels.Standard;

    /// <summary>One of <see cref="ShipmentStatuses"/>.</summary>
    public string Status { get; set; } = ShipmentStatuses.Requested;

    public string Carrier { get; set; } = "";
    public string? LabelId { get; set; }
    public string? TrackingNumber { get; set; }
    public decimal? RateAmount { get; set; }
    public string? RateCurrency { get; set; }

    /// <summary>Failed label purchases so far (the back-off doubles with each).</summary>
    public int LabelAttempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When the sweep last asked the carrier's tracking (for updates whose webhook never came).</summary>
    public DateTimeOffset? TrackingCheckedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>.</summary>
    public uint Version { get; set; }

    public List<ShipmentLine> Lines { get; set; } = [];
}

/// <summary>A product in the parcel, as ordering sent it.</summary>
internal sealed class ShipmentLine : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ShipmentId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
}

/// <summary>One status a shipment reached: when, who moved it there, and the carrier's or admin's words.</summary>
internal sealed class ShipmentHistoryEntry : ITenantOwned
{
    /// <summary>Database-generated and increasing: the history's order even when two moves share a timestamp.</summary>
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ShipmentId { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Source { get; set; } = "";
    public string? Detail { get; set; }
}

/// <summary>
/// A carrier webhook already applied, by the carrier's event id: a replay within the timestamp tolerance finds its row
/// and is refused. Carrier-wide, not tenant-owned: the event id is the carrier's.
/// </summary>
internal sealed class ProcessedWebhook
{
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
