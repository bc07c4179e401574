using DaprShop.Contracts.Payment;

namespace DaprShop.Contracts.Shipping;

/// <summary>
/// A shipment as shipping answers it. <paramref name="Status"/> is one of <see cref="ShipmentStatuses"/>;
/// <paramref name="TrackingNumber"/> and <paramref name="TrackingUrl"/> are set once the label is bought;
/// <paramref name="History"/> (oldest first) only on single reads.
/// </summary>
public sealed record ShipmentResponse(
    Guid ShipmentId,
    Guid OrderId,
    string? OrderNumber,
    Guid CustomerId,
    Guid ShippingAddressId,
    string Status,
    string ServiceLevel,
    string Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    MoneyAmount? Rate,
    IReadOnlyList<ShipmentLineRequest> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<ShipmentStatusChange>? History = null);

/// <summary>One step of a shipment's status history: who moved it (<c>ordering</c>, <c>carrier</c>, <c>admin:&lt;id&gt;</c>, <c>dispatch</c>) and why.</summary>
public sealed record ShipmentStatusChange(string Status, DateTimeOffset At, string Source, string? Detail);
