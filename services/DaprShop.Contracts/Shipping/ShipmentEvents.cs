namespace DaprShop.Contracts.Shipping;

// Shipping publishes shipping events to `shipping-events`; ordering (a follow-up) turns ShipmentDispatched into the
// order's Shipped status and ShipmentDelivered into Delivered (docs/events.md). Each is staged once per shipment, by
// the one conditional UPDATE that made the move.

/// <summary>A shipment was accepted for an order (status <c>requested</c>; the label may still be queued).</summary>
public sealed record ShipmentCreated(Guid ShipmentId, Guid OrderId, Guid CustomerId, string ServiceLevel) : IntegrationEvent;

/// <summary>
/// The carrier has the parcel: the first carrier update after the label (normally <c>in_transit</c>; a later one if the
/// earlier updates were lost). Carries what a "shipped" mail needs: carrier, tracking number and link.
/// </summary>
public sealed record ShipmentDispatched(Guid ShipmentId, Guid OrderId, Guid CustomerId, string Carrier, string TrackingNumber, string TrackingUrl)
    : IntegrationEvent;

/// <summary>The parcel was delivered.</summary>
public sealed record ShipmentDelivered(Guid ShipmentId, Guid OrderId, Guid CustomerId, string TrackingNumber, DateTimeOffset DeliveredAt)
    : IntegrationEvent;

/// <summary>The carrier reported a problem with the parcel (<paramref name="Reason"/> as the carrier said it).</summary>
public sealed record ShipmentException(Guid ShipmentId, Guid OrderId, Guid CustomerId, string TrackingNumber, string Reason) : IntegrationEvent;

/// <summary>The shipment was cancelled before hand-over (any label voided).</summary>
public sealed record ShipmentCancelled(Guid ShipmentId, Guid OrderId, Guid CustomerId, string Reason) : IntegrationEvent;
