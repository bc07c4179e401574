namespace DaprShop.Contracts.Inventory;

/// <summary>
/// Inventory's service route <c>POST /internal/v1/reservations</c> (ordering, through Dapr invocation, tenant in
/// <c>X-Tenant-ID</c>): hold every line for the order, or none. The same order id again with the same lines is the same
/// reservation (no second hold); with other lines it is a 409.
/// </summary>
public sealed record ReserveStockRequest(Guid OrderId, IReadOnlyList<StockLine> Lines);

/// <summary>A SKU and a quantity of it, in a reservation and in the events about it.</summary>
public sealed record StockLine(string Sku, int Quantity);

/// <summary>
/// A reservation as inventory keeps it (the answer of reserve, release, commit, return and read). <see cref="Status"/> is one of
/// <see cref="ReservationStatuses"/>; lines are sorted by SKU.
/// </summary>
public sealed record ReservationResponse(
    Guid OrderId,
    string Status,
    IReadOnlyList<StockLine> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset UpdatedAt);

public static class ReservationStatuses
{
    /// <summary>The stock is held for the order until it is committed, released, or expires.</summary>
    public const string Held = "held";

    /// <summary>The order was confirmed: the held quantities left on-hand stock.</summary>
    public const string Committed = "committed";

    /// <summary>Released on request (or the order was cancelled): the stock is available again.</summary>
    public const string Released = "released";

    /// <summary>Not committed in time: released by the expiry sweep.</summary>
    public const string Expired = "expired";

    /// <summary>Committed, then the order was cancelled: the units went back on hand (ordering asked, once).</summary>
    public const string Returned = "returned";
}
