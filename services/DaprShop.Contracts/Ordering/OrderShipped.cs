namespace DaprShop.Contracts.Ordering;

/// <summary>
/// The carrier has the order's parcel (ordering's reaction to shipping's <c>ShipmentDispatched</c>): status Shipped.
/// Carries what a "shipped" message needs: carrier, tracking number and link.
/// </summary>
public sealed record OrderShipped(Guid OrderId, string Number, Guid CustomerId, string Carrier, string TrackingNumber, string TrackingUrl)
    : IntegrationEvent;
