namespace DaprShop.Contracts.Ordering;

/// <summary>
/// An order was confirmed (paid or accepted): its stock reservation becomes a decrement. <see cref="Cart"/> is set when
/// the order was a checkout of the customer's cart: cart then takes the ordered quantities out of it.
/// </summary>
public sealed record OrderConfirmed(Guid OrderId) : IntegrationEvent
{
    /// <summary>The customer and the lines ordered from their cart; null for an order of explicit lines.</summary>
    public CheckedOutCart? Cart { get; init; }
}

/// <summary>Whose cart an order was checked out of, and what was ordered from it (one entry per product).</summary>
public sealed record CheckedOutCart(Guid CustomerId, IReadOnlyList<OrderedLine> Lines);
