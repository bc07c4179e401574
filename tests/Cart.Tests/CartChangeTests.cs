using System.Net;
using System.Text.Json;
using DaprShop.Cart.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Cart.Tests;

public sealed class CartChangeTests(CartService cart) : IClassFixture<CartService>
{
    static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Concurrent_adds_of_different_products_to_one_cart_are_all_kept()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var products = Enumerable.Range(0, 12).Select(_ => cart.Dependencies.Product(tenant, 5m)).ToList();
        using var barrier = new Barrier(products.Count);

        var answers = await Task.WhenAll(products.Select(p => Task.Run(async () =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            using var r = await me.AddAsync(p, 2);
            return r.StatusCode;
        })));

        Assert.All(answers, s => Assert.Equal(HttpStatusCode.OK, s));
        var lines = await me.QuantitiesAsync();
        Assert.Equal(products.Count, lines.Count);
        Assert.All(products, p => Assert.Equal(2, lines[p]));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_product_sum_every_quantity()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 5m);
        using var barrier = new Barrier(9);

        await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            using var r = await me.AddAsync(product, 3);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        })));

        Assert.Equal(27, (await me.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task Change_quantity_remove_and_clear_do_what_they_say()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var a = cart.Dependencies.Product(tenant, 2.50m);
        var b = cart.Dependencies.Product(tenant, 1m);
        (await me.AddAsync(a, 1)).Dispose();
        (await me.AddAsync(b, 1)).Dispose();

        using (var r = await me.SetQuantityAsync(a, 4)) Assert.Equal(4, (await JsonOf(r)).GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        using (var r = await me.RemoveAsync(b)) Assert.Single((await JsonOf(r)).GetProperty("lines").EnumerateArray());
        using (var r = await me.RemoveAsync(b)) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);
        using (var r = await me.ClearAsync()) Assert.Empty((await JsonOf(r)).GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_product_is_refused_with_its_own_problem_and_nothing_changes()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        using var r = await me.AddAsync(Guid.CreateVersion7(), 1);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/product-not-found");
        Assert.Empty(await me.QuantitiesAsync());
    }

    [Fact]
    public async Task An_inactive_product_is_refused_with_its_own_problem()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var draft = cart.Dependencies.Product(tenant, 3m, status: "draft");
        using var r = await me.AddAsync(draft, 1);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/product-inactive");
        Assert.Empty(await me.QuantitiesAsync());
    }

    [Fact]
    public async Task Wanting_more_than_is_in_stock_is_a_conflict_counting_what_the_cart_already_holds()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 3m, stock: 5);
        (await me.AddAsync(product, 4)).Dispose();

        using var r = await me.AddAsync(product, 2);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.Conflict, "https://daprshop.dev/problems/not-enough-stock");
        using var raise = await me.SetQuantityAsync(product, 6);
        await ProblemAssert.IsProblemAsync(raise, HttpStatusCode.Conflict, "https://daprshop.dev/problems/not-enough-stock");
        Assert.Equal(4, (await me.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task A_product_in_another_currency_is_refused()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        (await me.AddAsync(cart.Dependencies.Product(tenant, 3m, "EUR"), 1)).Dispose();
        using var r = await me.AddAsync(cart.Dependencies.Product(tenant, 3m, "USD"), 1);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/mixed-currency");
    }

    [Fact]
    public async Task Catalog_down_is_a_503_with_retry_after_and_nothing_changes()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 3m);
        cart.Dependencies.CatalogDown = true;
        try
        {
            using var r = await me.AddAsync(product, 1);
            await ProblemAssert.IsProblemAsync(r, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(r.Headers.RetryAfter);
        }
        finally
        {
            cart.Dependencies.CatalogDown = false;
        }
        Assert.Empty(await me.QuantitiesAsync());
    }

    [Fact]
    public async Task A_changed_price_is_noted_on_the_line_when_viewed_and_the_cart_then_holds_it()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 10.00m);
        (await me.AddAsync(product, 2)).Dispose();
        cart.Dependencies.SetPrice(tenant, product, 12.50m);

        using var r = await me.ViewAsync();
        var line = (await JsonOf(r)).GetProperty("lines")[0];
        Assert.Equal(12.50m, line.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        var change = line.GetProperty("priceChange");
        Assert.Equal(10.00m, change.GetProperty("previous").GetProperty("amount").GetDecimal());
        Assert.Equal(12.50m, change.GetProperty("current").GetProperty("amount").GetDecimal());
        Assert.Contains("10", change.GetProperty("note").GetString(), StringComparison.Ordinal);
        using var again = await me.ViewAsync();
        Assert.Equal(25.00m, (await JsonOf(again)).GetProperty("totals").GetProperty("subtotal").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Totals_use_the_tenants_tax_rate_for_the_destination_and_its_shipping_estimate()
    {
        var tenant = Guid.CreateVersion7();
        await cart.SetTaxAsync(tenant, new { defaultRate = 0.20m, rates = new object[] { new { country = "DE", rate = 0.19m }, new { country = "DE", region = "HE", rate = 0.07m } } });
        await cart.SetShippingAsync(tenant, new { rates = new[] { new { currency = "EUR", flatRate = 4.90m, freeFrom = 50m } } });
        using var me = cart.Customer(tenant);
        (await me.AddAsync(cart.Dependencies.Product(tenant, 10.99m), 3)).Dispose();

        async Task<JsonElement> TotalsFor(string query) { using var r = await me.ViewAsync(query); return (await JsonOf(r)).GetProperty("totals"); }

        var de = await TotalsFor("?country=de");
        Assert.Equal(32.97m, de.GetProperty("subtotal").GetProperty("amount").GetDecimal());
        Assert.Equal(6.26m, de.GetProperty("tax").GetProperty("amount").GetDecimal());     // 6.2643 → 6.26
        Assert.Equal(4.90m, de.GetProperty("shipping").GetProperty("amount").GetDecimal());
        Assert.Equal(44.13m, de.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(2.31m, (await TotalsFor("?country=DE&region=HE")).GetProperty("tax").GetProperty("amount").GetDecimal()); // 2.3079
        Assert.Equal(6.59m, (await TotalsFor("?country=FR")).GetProperty("tax").GetProperty("amount").GetDecimal());          // default 20 %
    }
}
