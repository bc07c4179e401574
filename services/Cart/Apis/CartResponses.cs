using DaprShop.Cart.Actors;
using DaprShop.Cart.Domain;
using DaprShop.Contracts.Money;

namespace DaprShop.Cart.Apis;

internal sealed record Money(decimal Amount, string Currency)
{
    /// <summary>An amount as shown to clients: at the currency's minor unit (catalog keeps 4 decimals, EUR shows 2).</summary>
    public static Money Of(decimal amount, string currency) =>
        new(Currencies.IsKnown(currency) ? Currencies.Round(amount, currency) : amount, currency);
}

/// <summary>A cart with its totals for a destination; <c>guestCartId</c> on guest carts, <c>merged</c> after a merge.</summary>
internal sealed record CartResponse(
    string? GuestCartId,
    string? Currency,
    IReadOnlyList<CartLineResponse> Lines,
    CartTotalsResponse? Totals,
    IReadOnlyList<MergeNoteResponse>? Merged,
    DateTimeOffset UpdatedAt)
{
    public static CartResponse From(CartOutcome outcome, TaxTable tax, IReadOnlyList<ShippingRate> shipping, string? country, string? region)
    {
        var cart = outcome.Cart!;
        var currency = cart.Currency;
        var totals = currency is null ? null : CartTotalsResponse.From(Domain.Totals.Compute(cart, tax, shipping, country, region), country, region);
        return new CartResponse(outcome.GuestCartId, currency,
            [.. cart.Lines.Select(l => CartLineResponse.From(l, currency ?? ""))],
            totals,
            outcome.MergeNotes?.Select(n => new MergeNoteResponse(n.ProductId, n.Outcome == MergeOutcome.Capped ? "capped" : "left-out", n.Reason)).ToList(),
            cart.UpdatedAt);
    }
}

/// <summary>A line; <c>priceChange</c> says the price moved since the customer last changed the line, <c>unavailable</c> why it cannot be bought.</summary>
internal sealed record CartLineResponse(Guid ProductId, string Sku, string Name, int Quantity, Money UnitPrice, Money LineTotal,
    PriceChangeResponse? PriceChange, string? Unavailable)
{
    public static CartLineResponse From(CartLine l, string currency) => new(l.ProductId, l.Sku, l.Name, l.Quantity,
        Money.Of(l.UnitPrice, currency), Money.Of(currency.Length == 0 ? 0 : Domain.Totals.LineTotal(l, currency), currency),
        l.PriceChange is { } c ? PriceChangeResponse.From(c, currency) : null,
        l.Unavailable);
}

internal sealed record PriceChangeResponse(Money Previous, Money Current, DateTimeOffset ChangedAt, string Note)
{
    public static PriceChangeResponse From(PriceChange c, string currency)
    {
        var (previous, current) = (Money.Of(c.PreviousUnitPrice, currency), Money.Of(c.CurrentUnitPrice, currency));
        return new(previous, current, c.ChangedAt,
            FormattableString.Invariant($"Price changed from {previous.Amount} {currency} to {current.Amount} {currency}."));
    }
}

/// <summary>Totals of the lines that can be bought; <c>taxRate</c> is the destination's (or the tenant's default).</summary>
internal sealed record CartTotalsResponse(Money Subtotal, decimal TaxRate, Money Tax, Money Shipping, Money Total, string? Country, string? Region)
{
    public static CartTotalsResponse From(CartTotals t, string? country, string? region) => new(
        new Money(t.Subtotal, t.Currency!), t.TaxRate, new Money(t.Tax, t.Currency!), new Money(t.Shipping, t.Currency!),
        new Money(t.Total, t.Currency!), country, region);
}

internal sealed record MergeNoteResponse(Guid ProductId, string Outcome, string Reason);

internal sealed record GuestCartCreatedResponse(string GuestCartId, CartResponse Cart);
