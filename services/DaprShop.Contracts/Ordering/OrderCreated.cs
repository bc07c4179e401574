namespace DaprShop.Contracts.Ordering;

/// <summary>
/// A customer placed an order: it is <c>Pending</c> while the saga validates, prices, reserves and authorises.
/// <paramref name="Number"/> is the people-readable order number (<c>DS-2026-000123</c>), unique in the tenant.
/// </summary>
public sealed record OrderCreated(Guid OrderId, string Number, Guid CustomerId, IReadOnlyList<OrderedLine> Lines) : IntegrationEvent;

/// <summary>A product and a quantity as the customer asked for it (prices are catalog's, set later by the saga).</summary>
public sealed record OrderedLine(Guid ProductId, int Quantity);
