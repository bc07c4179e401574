using DaprShop.Contracts.Money;

namespace DaprShop.Cart.Domain;

/// <summary>A tenant's tax rates by destination: country, optionally narrowed to a region, else the default rate.</summary>
internal sealed record TaxTable(decimal DefaultRate, IReadOnlyList<TaxRate> Rates)
{
    public static readonly TaxTable None = new(0m, []);

    /// <summary>The region's rate, else the country's (a rate without region), else the default.</summary>
    public decimal RateFor(string? country, string? region)
    {
        if (string.IsNullOrEmpty(country)) return DefaultRate;
        var inCountry = Rates.Where(r => string.Equals(r.Country, country, StringComparison.OrdinalIgnoreCase)).ToList();
        return (!string.IsNullOrEmpty(region) ? inCountry.FirstOrDefault(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase)) : null)?.Rate
            ?? inCountry.FirstOrDefault(r => string.IsNullOrEmpty(r.Region))?.Rate
            ?? DefaultRate;
    }
}

/// <param name="Region">Empty for the whole country.</param>
/// <param name="Rate">A fraction: 0.19 is 19 %.</param>
internal sealed record TaxRate(string Country, string Region, decimal Rate);

/// <summary>A tenant's shipping estimate per currency: a flat rate, free from a subtotal on (when set).</summary>
internal sealed record ShippingRate(string Currency, decimal FlatRate, decimal? FreeFrom);

internal sealed record CartTotals(string? Currency, decimal Subtotal, decimal TaxRate, decimal Tax, decimal Shipping, decimal Total);

internal static class Totals
{
    /// <summary>
    /// Subtotal of the lines that can be bought (each line rounded), tax on the subtotal at the destination's rate,
    /// the shipping estimate for the cart's currency (none configured: 0), and the total, each rounded to the
    /// currency's minor unit (midpoint away from zero). Decimal throughout.
    /// </summary>
    public static CartTotals Compute(CartState cart, TaxTable tax, IReadOnlyList<ShippingRate> shipping, string? country, string? region)
    {
        var rate = tax.RateFor(country, region);
        if (cart.Currency is not { } currency || !Currencies.IsKnown(currency)) return new CartTotals(null, 0m, rate, 0m, 0m, 0m);
        var subtotal = cart.Lines.Where(l => l.Unavailable is null).Sum(l => LineTotal(l, currency));
        var taxAmount = Currencies.Round(subtotal * rate, currency);
        var ship = 0m;
        if (subtotal > 0 && shipping.FirstOrDefault(s => s.Currency == currency) is { } s)
            ship = s.FreeFrom is { } free && subtotal >= free ? 0m : Currencies.Round(s.FlatRate, currency);
        return new CartTotals(currency, subtotal, rate, taxAmount, ship, subtotal + taxAmount + ship);
    }

    public static decimal LineTotal(CartLine line, string currency) => Currencies.Round(line.UnitPrice * line.Quantity, currency);
}
