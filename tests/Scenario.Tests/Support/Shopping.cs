using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DaprShop.Testing;

namespace DaprShop.Scenario.Tests.Support;

/// <summary>A signed-up customer with a shipping and a billing address at users and a card tokenised at payment.</summary>
public sealed record Shopper(Caller Caller, Guid Shipping, Guid Billing, string CardToken)
{
    public string Token => Caller.Token;

    public object CheckoutBody => new { shippingAddressId = Shipping, billingAddressId = Billing, paymentMethodToken = CardToken };
}

/// <summary>
/// What a shopper and a shop's admin do to buy something, through the gateway only; waits are made on the services'
/// databases (every request through the gateway counts against the per-user limit, <see cref="Shop.UserLimitPerMinute"/>).
/// </summary>
public sealed class Shopping(Shop shop)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    ShopClient Client => shop.Client;

    public static Action<HttpRequestHeaders> Key(string? key = null) => h => h.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());

    public async Task<Shopper> ShopperAsync(Guid tenant, string card = "4242424242424242")
    {
        var caller = await Client.SignUpAsync(tenant);
        await Eventually.TrueAsync(async () => await shop.UsersDb.ScalarAsync<long>(
            "select count(*) from profiles where tenant_id = $1 and user_id = $2", tenant, caller.UserId) == 1,
            "identity's UserRegistered created the profile at users");
        async Task<Guid> AddressAsync(string type) => (await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post,
            "/api/v1/users/profiles/me/addresses", caller.Token,
            new { type, recipientName = "Ann Lee", line1 = "Main 1", city = "Berlin", postalCode = "10115", country = "DE" })).GetProperty("id").GetGuid();
        var shipping = await AddressAsync("SHIPPING");
        var billing = await AddressAsync("BILLING");
        var method = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/payment/payment-methods", caller.Token,
            new { number = card, expMonth = 12, expYear = 2035, cvc = "123", holderName = "Ann Lee" });
        return new Shopper(caller, shipping, billing, method.GetProperty("token").GetString()!);
    }

    public async Task<(Guid Id, string Sku)> ProductAsync(TestTenant tenant, decimal price, long units)
    {
        var sku = "CO-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var product = await Client.CreateAsync(tenant.Admin, Products.Body(sku, "Kettle " + sku, "Acme", "kitchen", price));
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/inventory/stock/{sku}/receive", tenant.Admin.Token,
            new { quantity = units, reason = "first delivery" });
        return (product.Id(), sku);
    }

    public Task AddToCartAsync(Shopper shopper, Guid productId, int quantity) =>
        Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/cart/cart/items", shopper.Token, new { productId, quantity }, Key());

    public Task<HttpResponseMessage> CheckoutAsync(Shopper shopper, string? key = null, object? body = null) =>
        Client.SendAsync(HttpMethod.Post, "/api/v1/ordering/orders", shopper.Token, body ?? shopper.CheckoutBody, Key(key));

    public async Task<Guid> CheckedOutAsync(Shopper shopper)
    {
        var response = await CheckoutAsync(shopper);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"checkout answered {(int)response.StatusCode}: {text}");
        Assert.EndsWith("/api/v1/ordering/orders/" + JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid(), response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Waits (on ordering's database) for the status, then reads the order once through the gateway.</summary>
    public async Task<JsonElement> OrderOnceAsync(Shopper shopper, Guid orderId, string status)
    {
        await Eventually.TrueAsync(async () => await shop.OrderingDb.ScalarAsync<string?>("select status from orders where id = $1", orderId) == status,
            $"order {orderId} reached {status}", TimeSpan.FromSeconds(30));
        var order = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/ordering/orders/{orderId}", shopper.Token);
        Assert.Equal(status, order.GetProperty("status").GetString());
        return order;
    }

    /// <summary>Waits (on shipping's database) for the order's shipment to reach the status, then reads it once as its customer sees it.</summary>
    public async Task<JsonElement> ShipmentAsync(Shopper shopper, Guid orderId, string status)
    {
        await Eventually.TrueAsync(async () => await shop.ShippingDb.ScalarAsync<string?>("select status from shipments where order_id = $1", orderId) == status,
            $"the shipment of order {orderId} reached {status}", TimeSpan.FromSeconds(30));
        var mine = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/shipping/shipments/me?pageSize=100", shopper.Token);
        var id = mine.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("orderId").GetGuid() == orderId).GetProperty("shipmentId").GetGuid();
        var shipment = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/shipping/shipments/me/{id}", shopper.Token);
        Assert.Equal(status, shipment.GetProperty("status").GetString());
        return shipment;
    }
}
