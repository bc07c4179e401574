using DaprShop.Contracts.Money;

namespace DaprShop.Cart.Domain;

/// <summary>
/// The cart's rules as pure functions of its state, what catalog and inventory said, and the time: adding, changing,
/// removing, re-pricing and merging. They change the state only when they succeed.
/// </summary>
internal static class CartRules
{
    /// <summary>Adds <paramref name="quantity"/> of a product (to its line if it has one) at the product's current price.</summary>
    public static CartError Add(CartState cart, ProductOffer? offer, int quantity, long available, DateTimeOffset now)
    {
        if (offer is null) return CartError.ProductNotFound;
        var line = cart.Line(offer.ProductId);
        var wanted = (line?.Quantity ?? 0) + quantity;
        if (Check(cart, offer, wanted, available, isNewLine: line is null) is var error and not CartError.None) return error;
        Put(cart, line, offer, wanted);
        cart.Touch(now);
        return CartError.None;
    }

    /// <summary>
    /// Sets a line's quantity. Only an increase needs the product sellable and in stock (<paramref name="offer"/>,
    /// <paramref name="available"/>); a decrease keeps the line's price and is always allowed.
    /// </summary>
    public static CartError SetQuantity(CartState cart, Guid productId, int quantity, ProductOffer? offer, long available, DateTimeOffset now)
    {
        if (cart.Line(productId) is not { } line) return CartError.LineNotFound;
        if (quantity <= line.Quantity)
        {
            cart.Lines[cart.Lines.IndexOf(line)] = line with { Quantity = quantity, PriceChange = null };
            cart.Touch(now);
            return CartError.None;
        }
        if (offer is null) return CartError.ProductNotFound;
        if (Check(cart, offer, quantity, available, isNewLine: false) is var error and not CartError.None) return error;
        Put(cart, line, offer, quantity);
        cart.Touch(now);
        return CartError.None;
    }

    /// <summary>True when the product needs checking with catalog and inventory before <see cref="SetQuantity"/>.</summary>
    public static bool IsIncrease(CartState cart, Guid productId, int quantity) => cart.Line(productId) is { } l && quantity > l.Quantity;

    public static CartError Remove(CartState cart, Guid productId, DateTimeOffset now)
    {
        if (cart.Line(productId) is not { } line) return CartError.LineNotFound;
        cart.Lines.Remove(line);
        cart.Touch(now);
        return CartError.None;
    }

    /// <summary>
    /// Takes what an order bought out of the cart: each product's line loses the ordered quantity and goes when nothing
    /// is left. Lines of other products, and units added to a line after the checkout beyond what was ordered, stay.
    /// True when anything changed.
    /// </summary>
    public static bool TakeOut(CartState cart, IEnumerable<(Guid ProductId, int Quantity)> ordered, DateTimeOffset now)
    {
        var changed = false;
        foreach (var (productId, quantity) in ordered)
        {
            if (quantity <= 0 || cart.Line(productId) is not { } line) continue;
            if (line.Quantity <= quantity) cart.Lines.Remove(line);
            else cart.Lines[cart.Lines.IndexOf(line)] = line with { Quantity = line.Quantity - quantity };
            changed = true;
        }
        if (changed) cart.Touch(now);
        return changed;
    }

    public static void Clear(CartState cart, DateTimeOffset now)
    {
        cart.Lines.Clear();
        cart.Touch(now);
    }

    /// <summary>
    /// Brings every line to what catalog says now: a new price replaces the held one with a note (old → new, the
    /// oldest price the customer saw kept until the line changes); a product gone, inactive or now in another currency
    /// marks the line unavailable (and a line that is sellable again is no longer). True when anything changed.
    /// </summary>
    public static bool Reprice(CartState cart, IReadOnlyDictionary<Guid, ProductOffer> offers, DateTimeOffset now)
    {
        var changed = false;
        for (var i = 0; i < cart.Lines.Count; i++)
        {
            var line = cart.Lines[i];
            var next = line;
            if (!offers.TryGetValue(line.ProductId, out var offer)) next = line with { Unavailable = LineUnavailable.NotFound };
            else if (!offer.IsActive) next = line with { Unavailable = LineUnavailable.Inactive };
            else if (cart.Currency is not null && offer.Currency != cart.Currency) next = line with { Unavailable = LineUnavailable.CurrencyChanged };
            else
            {
                next = line with { Unavailable = null, Sku = offer.Sku, Name = offer.Name };
                if (offer.UnitPrice != line.UnitPrice)
                {
                    var previous = line.PriceChange?.PreviousUnitPrice ?? line.UnitPrice;
                    next = next with
                    {
                        UnitPrice = offer.UnitPrice,
                        PriceChange = previous == offer.UnitPrice ? null : new PriceChange(previous, offer.UnitPrice, now),
                    };
                }
            }
            if (next != line)
            {
                cart.Lines[i] = next;
                changed = true;
            }
        }
        if (changed) cart.Touch(now);
        return changed;
    }

    /// <summary>
    /// Merges a guest's lines into this cart: quantities of the same product summed, each line capped at
    /// <see cref="CartLimits.MaxQuantity"/> and at the stock available, lines beyond <see cref="CartLimits.MaxLines"/>
    /// and products not sellable left out, every line at the current price. What was capped or left out is reported.
    /// A guest cart in another currency than this (non-empty) cart is refused as a whole.
    /// </summary>
    public static MergeResult Merge(CartState cart, IReadOnlyList<CartLine> guestLines, IReadOnlyDictionary<Guid, ProductOffer> offers,
        IReadOnlyDictionary<string, long> available, DateTimeOffset now)
    {
        if (cart.Currency is { } currency && guestLines.Any(g => offers.TryGetValue(g.ProductId, out var o) && o.IsActive && o.Currency != currency))
            return new MergeResult(CartError.MixedCurrency, []);
        var notes = new List<MergeNote>();
        foreach (var guest in guestLines)
        {
            if (!offers.TryGetValue(guest.ProductId, out var offer))
            {
                notes.Add(new MergeNote(guest.ProductId, MergeOutcome.LeftOut, LineUnavailable.NotFound));
                continue;
            }
            if (!offer.IsActive)
            {
                notes.Add(new MergeNote(guest.ProductId, MergeOutcome.LeftOut, LineUnavailable.Inactive));
                continue;
            }
            var line = cart.Line(offer.ProductId);
            if (line is null && cart.Lines.Count >= CartLimits.MaxLines)
            {
                notes.Add(new MergeNote(guest.ProductId, MergeOutcome.LeftOut, "line-limit"));
                continue;
            }
            var stock = available.GetValueOrDefault(offer.Sku);
            var summed = (line?.Quantity ?? 0) + guest.Quantity;
            var quantity = (int)Math.Min(Math.Min(summed, CartLimits.MaxQuantity), Math.Max(stock, line?.Quantity ?? 0));
            if (quantity <= 0)
            {
                notes.Add(new MergeNote(guest.ProductId, MergeOutcome.LeftOut, "out-of-stock"));
                continue;
            }
            if (quantity < summed)
                notes.Add(new MergeNote(guest.ProductId, MergeOutcome.Capped, quantity == CartLimits.MaxQuantity ? "quantity-limit" : "stock"));
            Put(cart, line, offer, quantity);
        }
        cart.Touch(now);
        return new MergeResult(CartError.None, notes);
    }

    static CartError Check(CartState cart, ProductOffer offer, int wanted, long available, bool isNewLine)
    {
        if (!offer.IsActive) return CartError.ProductInactive;
        if (cart.Currency is not null && cart.Lines.Count > 0 && offer.Currency != cart.Currency) return CartError.MixedCurrency;
        if (!Currencies.IsKnown(offer.Currency)) return CartError.MixedCurrency;
        if (wanted > CartLimits.MaxQuantity) return CartError.QuantityLimit;
        if (isNewLine && cart.Lines.Count >= CartLimits.MaxLines) return CartError.LineLimit;
        if (available < wanted) return CartError.NotEnoughStock;
        return CartError.None;
    }

    static void Put(CartState cart, CartLine? line, ProductOffer offer, int quantity)
    {
        var next = new CartLine(offer.ProductId, offer.Sku, offer.Name, offer.UnitPrice, quantity);
        if (line is null) cart.Lines.Add(next);
        else cart.Lines[cart.Lines.IndexOf(line)] = next;
        cart.Currency = offer.Currency;
    }
}

public enum MergeOutcome { Capped, LeftOut }

/// <summary>What a merge did to one guest line other than adding it whole.</summary>
public sealed record MergeNote(Guid ProductId, MergeOutcome Outcome, string Reason);

internal sealed record MergeResult(CartError Error, IReadOnlyList<MergeNote> Notes);
