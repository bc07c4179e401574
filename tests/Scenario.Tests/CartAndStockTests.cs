using System.Net;
using System.Text.Json;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Scenario.Tests;

/// <summary>
/// Stock an admin received and carts shoppers fill, through the gateway only: cart asks catalog and inventory through
/// Dapr invocation as a service for the tenant, never trusting the client for price or stock.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CartAndStockTests(Shop shop)
{
    ShopClient Client => shop.Client;

    static Action<System.Net.Http.Headers.HttpRequestHeaders> Key() => h => h.Add("Idempotency-Key", Guid.NewGuid().ToString());

    async Task<(Guid Id, string Sku)> ProductWithStockAsync(TestTenant tenant, decimal price, long units)
    {
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var product = await Client.CreateAsync(tenant.Admin, Products.Body(sku, "Lamp " + sku, "Acme", "home/lamps", price));
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/inventory/stock/{sku}/receive", tenant.Admin.Token,
            new { quantity = units, reason = "first delivery" });
        return (product.Id(), sku);
    }

    [Fact]
    public async Task A_shopper_fills_a_cart_within_the_stock_an_admin_received_and_sees_a_price_change_noted()
    {
        var tenant = await Client.NewTenantAsync();
        var (productId, sku) = await ProductWithStockAsync(tenant, 20m, units: 3);
        var shopper = await Client.SignUpAsync(tenant.Id);

        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/cart/cart/items", shopper.Token, new { productId, quantity = 2 }, Key());
        var tooMany = await Client.SendAsync(HttpMethod.Post, "/api/v1/cart/cart/items", shopper.Token, new { productId, quantity = 2 }, Key());
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.Conflict, "https://daprshop.dev/problems/not-enough-stock");

        var read = await Client.GetAsync($"/api/v1/catalog/products/{productId}", tenant.Admin.Token);
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/catalog/products/{productId}", tenant.Admin.Token,
            Products.Body(sku, "Lamp " + sku, "Acme", "home/lamps", 25m), h => h.Add("If-Match", read.Headers.ETag!.Tag));

        var cart = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/cart/cart", shopper.Token);
        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(25m, line.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(20m, line.GetProperty("priceChange").GetProperty("previous").GetProperty("amount").GetDecimal());
        Assert.Equal(50m, cart.GetProperty("totals").GetProperty("subtotal").GetProperty("amount").GetDecimal());
        var stock = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/inventory/stock/{sku}", tenant.Admin.Token);
        Assert.Equal(3, stock.GetProperty("onHand").GetInt64()); // a cart holds no stock; checkout reserves it
    }

    [Fact]
    public async Task A_guest_cart_filled_before_sign_up_is_merged_into_the_new_account()
    {
        var tenant = await Client.NewTenantAsync();
        var (productId, _) = await ProductWithStockAsync(tenant, 12.5m, units: 10);

        var created = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/cart/cart/guest",
            headers: h => h.Add("X-Tenant-ID", tenant.Id.ToString()));
        var guestId = created.GetProperty("guestCartId").GetString()!;
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/cart/cart/guest/items", body: new { productId, quantity = 3 },
            headers: h => { h.Add("X-Tenant-ID", tenant.Id.ToString()); h.Add("X-Guest-Cart-ID", guestId); h.Add("Idempotency-Key", Guid.NewGuid().ToString()); });
        var shopper = await Client.SignUpAsync(tenant.Id);

        var merged = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/cart/cart/merge", shopper.Token, new { guestCartId = guestId }, Key());

        var line = Assert.Single(merged.GetProperty("lines").EnumerateArray());
        Assert.Equal(productId, line.GetProperty("productId").GetGuid());
        Assert.Equal(3, line.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Another_tenant_can_neither_buy_the_product_nor_see_or_move_the_stock()
    {
        var mine = await Client.NewTenantAsync();
        var theirs = await Client.NewTenantAsync();
        var (productId, sku) = await ProductWithStockAsync(mine, 5m, units: 4);
        var stranger = await Client.SignUpAsync(theirs.Id);

        var add = await Client.SendAsync(HttpMethod.Post, "/api/v1/cart/cart/items", stranger.Token, new { productId, quantity = 1 }, Key());
        var stock = await Client.SendAsync(HttpMethod.Get, $"/api/v1/inventory/stock/{sku}", theirs.Admin.Token);
        var writeOff = await Client.SendAsync(HttpMethod.Post, $"/api/v1/inventory/stock/{sku}/write-off", theirs.Admin.Token,
            new { quantity = 4, reason = "not yours" });

        // The product is named in the body, so an unknown one is 422, not 404 (cart's README).
        await ProblemAssert.IsProblemAsync(add, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/product-not-found");
        Assert.Equal(HttpStatusCode.NotFound, stock.StatusCode);
        Assert.True((int)writeOff.StatusCode is >= 400 and < 500, $"a write-off of another tenant's SKU answered {(int)writeOff.StatusCode}");
        var after = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/inventory/stock/{sku}", mine.Admin.Token);
        Assert.Equal(4, after.GetProperty("onHand").GetInt64());
    }

    [Fact]
    public async Task The_internal_routes_of_cart_inventory_and_catalog_are_not_reachable_through_the_gateway()
    {
        var tenant = await Client.NewTenantAsync();

        foreach (var path in new[] { "/api/v1/inventory/internal/v1/stock/availability", "/internal/v1/stock/availability", "/api/v1/catalog/internal/v1/products/lookup" })
        {
            var response = await Client.SendAsync(HttpMethod.Post, path, tenant.Admin.Token, new { skus = new[] { "A" }, ids = new[] { Guid.NewGuid() } });
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
                $"{path} answered {(int)response.StatusCode}");
        }
    }
}
