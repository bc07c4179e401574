using DaprShop.Cart.Domain;

namespace DaprShop.Cart.UnitTests;

public sealed class TotalsTests
{
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    static CartState CartOf(string currency, params (decimal Price, int Quantity)[] lines)
    {
        var cart = CartState.New(Now);
        foreach (var (price, quantity) in lines)
            CartRules.Add(cart, new ProductOffer(Guid.CreateVersion7(), "S" + cart.Lines.Count, "P", price, currency, true), quantity, 1000, Now);
        return cart;
    }

    static readonly TaxTable Tax = new(0.20m, [new TaxRate("DE", "", 0.19m), new TaxRate("DE", "HE", 0.07m), new TaxRate("US", "CA", 0.0725m)]);

    [Theory]
    [InlineData("DE", null, 0.19)]
    [InlineData("de", "he", 0.07)]
    [InlineData("DE", "BY", 0.19)]
    [InlineData("US", null, 0.20)]
    [InlineData("US", "CA", 0.0725)]
    [InlineData(null, null, 0.20)]
    public void The_rate_is_the_regions_else_the_countrys_else_the_default(string? country, string? region, double expected) =>
        Assert.Equal((decimal)expected, Tax.RateFor(country, region));

    [Fact]
    public void Tax_is_rounded_once_on_the_subtotal_midpoint_away_from_zero()
    {
        // 3 × 0.15 = 0.45; 0.45 × 0.10 = 0.045 → 0.05 (banker's rounding would give 0.04).
        var totals = Totals.Compute(CartOf("EUR", (0.15m, 3)), new TaxTable(0.10m, []), [], null, null);
        Assert.Equal(0.45m, totals.Subtotal);
        Assert.Equal(0.05m, totals.Tax);
        Assert.Equal(0.50m, totals.Total);
    }

    [Fact]
    public void Yen_totals_have_no_decimals()
    {
        var totals = Totals.Compute(CartOf("JPY", (333m, 1)), new TaxTable(0.10m, []), [new ShippingRate("JPY", 500m, null)], null, null);
        Assert.Equal(33m, totals.Tax);
        Assert.Equal(866m, totals.Total);
    }

    [Fact]
    public void Shipping_is_the_flat_rate_below_the_threshold_free_from_it_and_zero_for_another_currency()
    {
        ShippingRate[] rates = [new("EUR", 4.90m, 50m)];
        Assert.Equal(4.90m, Totals.Compute(CartOf("EUR", (49.99m, 1)), TaxTable.None, rates, null, null).Shipping);
        Assert.Equal(0m, Totals.Compute(CartOf("EUR", (50m, 1)), TaxTable.None, rates, null, null).Shipping);
        Assert.Equal(0m, Totals.Compute(CartOf("USD", (10m, 1)), TaxTable.None, rates, null, null).Shipping);
    }

    [Fact]
    public void An_empty_cart_has_no_currency_and_zero_totals()
    {
        var totals = Totals.Compute(CartState.New(Now), Tax, [], "DE", null);
        Assert.Null(totals.Currency);
        Assert.Equal(0m, totals.Total);
    }
}
