using DaprShop.Cart.Domain;

namespace DaprShop.Cart.UnitTests;

public sealed class CartRulesTests
{
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    static ProductOffer Offer(decimal price, string currency = "EUR", bool active = true, Guid? id = null)
    {
        var productId = id ?? Guid.CreateVersion7();
        return new ProductOffer(productId, "SKU-" + productId.ToString("N"), "P", price, currency, active);
    }

    [Fact]
    public void Adding_a_product_twice_sums_the_line_and_stops_at_99()
    {
        var cart = CartState.New(Now);
        var p = Offer(2m);
        Assert.Equal(CartError.None, CartRules.Add(cart, p, 60, 1000, Now));
        Assert.Equal(CartError.QuantityLimit, CartRules.Add(cart, p, 40, 1000, Now));
        Assert.Equal(CartError.None, CartRules.Add(cart, p, 39, 1000, Now));
        Assert.Equal(99, cart.Lines.Single().Quantity);
    }

    [Fact]
    public void Stock_counts_what_the_line_already_holds()
    {
        var cart = CartState.New(Now);
        var p = Offer(2m);
        Assert.Equal(CartError.None, CartRules.Add(cart, p, 3, 5, Now));
        Assert.Equal(CartError.NotEnoughStock, CartRules.Add(cart, p, 3, 5, Now));
        Assert.Equal(3, cart.Lines.Single().Quantity);
    }

    [Fact]
    public void An_inactive_an_unknown_and_another_currencys_product_are_refused_and_change_nothing()
    {
        var cart = CartState.New(Now);
        Assert.Equal(CartError.ProductInactive, CartRules.Add(cart, Offer(1m, active: false), 1, 10, Now));
        Assert.Equal(CartError.ProductNotFound, CartRules.Add(cart, null, 1, 10, Now));
        CartRules.Add(cart, Offer(1m), 1, 10, Now);
        Assert.Equal(CartError.MixedCurrency, CartRules.Add(cart, Offer(1m, "USD"), 1, 10, Now));
        Assert.Single(cart.Lines);
        Assert.Equal("EUR", cart.Currency);
    }

    [Fact]
    public void A_hundred_and_first_line_is_refused()
    {
        var cart = CartState.New(Now);
        for (var i = 0; i < CartLimits.MaxLines; i++) Assert.Equal(CartError.None, CartRules.Add(cart, Offer(1m), 1, 10, Now));
        Assert.Equal(CartError.LineLimit, CartRules.Add(cart, Offer(1m), 1, 10, Now));
    }

    [Fact]
    public void Repricing_notes_the_first_price_the_customer_saw_and_drops_the_note_when_the_price_returns()
    {
        var cart = CartState.New(Now);
        var p = Offer(10m);
        CartRules.Add(cart, p, 1, 10, Now);
        var offers = new Dictionary<Guid, ProductOffer> { [p.ProductId] = p with { UnitPrice = 12m } };
        Assert.True(CartRules.Reprice(cart, offers, Now));
        offers[p.ProductId] = p with { UnitPrice = 13m };
        CartRules.Reprice(cart, offers, Now);
        Assert.Equal(new PriceChange(10m, 13m, Now), cart.Lines[0].PriceChange);
        Assert.Equal(13m, cart.Lines[0].UnitPrice);
        offers[p.ProductId] = p;
        CartRules.Reprice(cart, offers, Now);
        Assert.Null(cart.Lines[0].PriceChange);
        Assert.False(CartRules.Reprice(cart, offers, Now));
    }

    [Fact]
    public void Repricing_marks_a_withdrawn_product_unavailable_and_leaves_it_out_of_the_totals()
    {
        var cart = CartState.New(Now);
        var kept = Offer(10m);
        var gone = Offer(5m);
        CartRules.Add(cart, kept, 1, 10, Now);
        CartRules.Add(cart, gone, 1, 10, Now);
        CartRules.Reprice(cart, new Dictionary<Guid, ProductOffer> { [kept.ProductId] = kept }, Now);
        Assert.Equal(LineUnavailable.NotFound, cart.Lines[1].Unavailable);
        Assert.Equal(10m, Totals.Compute(cart, TaxTable.None, [], null, null).Subtotal);
    }

    [Fact]
    public void Merging_sums_caps_at_99_and_at_stock_and_leaves_out_what_is_not_sold()
    {
        var cart = CartState.New(Now);
        var a = Offer(1m);
        var b = Offer(1m);
        var inactive = Offer(1m, active: false);
        CartRules.Add(cart, a, 50, 1000, Now);
        var guest = new List<CartLine> { new(a.ProductId, a.Sku, "A", 1m, 60), new(b.ProductId, b.Sku, "B", 1m, 10), new(inactive.ProductId, inactive.Sku, "I", 1m, 1) };
        var offers = new[] { a, b, inactive }.ToDictionary(o => o.ProductId);
        var stock = new Dictionary<string, long> { [a.Sku] = 1000, [b.Sku] = 4 };

        var result = CartRules.Merge(cart, guest, offers, stock, Now);

        Assert.Equal(CartError.None, result.Error);
        Assert.Equal(99, cart.Line(a.ProductId)!.Quantity);
        Assert.Equal(4, cart.Line(b.ProductId)!.Quantity);
        Assert.Null(cart.Line(inactive.ProductId));
        Assert.Contains(result.Notes, n => n.ProductId == a.ProductId && n.Reason == "quantity-limit");
        Assert.Contains(result.Notes, n => n.ProductId == b.ProductId && n.Reason == "stock");
        Assert.Contains(result.Notes, n => n.ProductId == inactive.ProductId && n.Outcome == MergeOutcome.LeftOut);
    }

    [Fact]
    public void Merging_a_guest_cart_of_another_currency_is_refused_whole()
    {
        var cart = CartState.New(Now);
        CartRules.Add(cart, Offer(1m), 1, 10, Now);
        var usd = Offer(1m, "USD");
        var result = CartRules.Merge(cart, [new(usd.ProductId, usd.Sku, "U", 1m, 1)], new Dictionary<Guid, ProductOffer> { [usd.ProductId] = usd },
            new Dictionary<string, long> { [usd.Sku] = 10 }, Now);
        Assert.Equal(CartError.MixedCurrency, result.Error);
        Assert.Single(cart.Lines);
    }
}
