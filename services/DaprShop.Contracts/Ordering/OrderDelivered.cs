namespace DaprShop.Contracts.Ordering;

/// <summary>
/// The order's parcel was delivered (ordering's reaction to shipping's <c>ShipmentDelivered</c>): status Delivered.
/// <paramref name="Lines"/> are the products delivered: what makes the customer a verified purchaser of each.
/// </summary>
public sealed record OrderDelivered(Guid OrderId, string Number, Guid CustomerId, IReadOnlyList<OrderedLine> Lines, DateTimeOffset DeliveredAt)
    : IntegrationEvent;
