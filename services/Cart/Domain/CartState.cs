namespace DaprShop.Cart.Domain;

/// <summary>
/// One cart as the actor keeps it (its whole state, one document): the lines in the order they were added, the one
/// currency of the cart (set by the first line), and the guest carts already merged into it. Plain data; the rules
/// that change it are in <see cref="CartRules"/>.
/// </summary>
public sealed class CartState
{
    public string? Currency { get; set; }
    public List<CartLine> Lines { get; set; } = [];

    /// <summary>Guest carts merged into this one, so a second merge of the same guest cart adds nothing.</summary>
    public List<string> MergedGuestCarts { get; set; } = [];

    /// <summary>
    /// Confirmed orders whose quantities were taken out of this cart (the latest few), saved in the same document as the
    /// change, so a confirmation delivered again takes nothing out twice.
    /// </summary>
    public List<Guid> CheckedOutOrders { get; set; } = [];

    /// <summary>Counts changes; the backup keeps the highest it has seen, so an older backup never overwrites a newer one.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CartLine? Line(Guid productId) => Lines.Find(l => l.ProductId == productId);

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        if (Lines.Count == 0) Currency = null;
    }

    public static CartState New(DateTimeOffset now) => new() { CreatedAt = now, UpdatedAt = now };
}

/// <summary>A product in the cart at the unit price it was last checked at (in the cart's currency).</summary>
public sealed record CartLine(Guid ProductId, string Sku, string Name, decimal UnitPrice, int Quantity)
{
    /// <summary>Set when a view found another price than the one held: the customer sees old → new until the line changes.</summary>
    public PriceChange? PriceChange { get; init; }

    /// <summary>Why the line cannot be bought now (<see cref="LineUnavailable"/>); null when it can. It is left out of the totals.</summary>
    public string? Unavailable { get; init; }
}

public sealed record PriceChange(decimal PreviousUnitPrice, decimal CurrentUnitPrice, DateTimeOffset ChangedAt);

/// <summary>Why a line held in a cart cannot be bought any more.</summary>
internal static class LineUnavailable
{
    public const string NotFound = "product-not-found";
    public const string Inactive = "product-inactive";
    public const string CurrencyChanged = "currency-changed";
}
