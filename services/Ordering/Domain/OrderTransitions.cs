namespace DaprShop.Ordering.Domain;

/// <summary>
/// The guarded state machine of an order (docs/order-saga.md, "Order states"): Pending → Confirmed → Processing →
/// Shipped → Delivered; a pending order fails (the saga refused it) or is cancelled; a confirmed or processing one may
/// still be cancelled (before hand-over to the carrier). Anything else is illegal and changes nothing.
/// </summary>
internal static class OrderTransitions
{
    static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Confirmed, OrderStatus.Cancelled, OrderStatus.Failed],
        [OrderStatus.Confirmed] = [OrderStatus.Processing, OrderStatus.Cancelled],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Failed] = [],
    };

    public static bool Allows(OrderStatus from, OrderStatus to) => Next[from].Contains(to);

    /// <summary>The states <paramref name="to"/> may be reached from: the WHERE of the one conditional UPDATE that moves an order.</summary>
    public static IReadOnlyList<OrderStatus> From(OrderStatus to) => [.. Next.Where(kv => kv.Value.Contains(to)).Select(kv => kv.Key)];

    /// <summary>Whether the customer may still cancel: before the shipment left.</summary>
    public static bool CustomerMayCancel(OrderStatus status) => Allows(status, OrderStatus.Cancelled);
}
