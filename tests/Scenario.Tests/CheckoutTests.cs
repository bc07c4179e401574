extern alias PaymentApp;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DaprShop.Scenario.Tests.Support;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Testing;
using DaprShop.Testing.Http;
using ProviderWebhooks = PaymentApp::DaprShop.Payment.Webhooks.ProviderWebhooks;

namespace DaprShop.Scenario.Tests;

/// <summary>
/// Checkout through the gateway only: a shopper signs up, keeps addresses at users, fills a cart with a product an admin
/// listed at catalog and stocked at inventory, tokenises a card at payment, and checks out the cart at ordering; the saga
/// runs against the real services. Waiting is done on the services' databases (every request through the gateway counts
/// against the per-user limit, <see cref="Shop.UserLimitPerMinute"/>); what a client sees is asserted through the gateway.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class CheckoutTests(Shop shop)
{
    const string Declined = "4000000000000002";
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    ShopClient Client => shop.Client;
    Shopping Shopping => new(shop);

    Task<long> CapturesAsync(Guid orderId) => shop.PaymentDb.ScalarAsync<long>(
        """select count(*) from outbox_messages where "EventType" = 'PaymentSucceeded' and "Payload"->>'orderId' = $1 and "Payload"->>'operation' = 'capture'""",
        orderId.ToString());

    Task<string?> ReservationAsync(Guid orderId) =>
        shop.InventoryDb.ScalarAsync<string?>("select status from reservations where order_id = $1", orderId);

    async Task<JsonElement> StockAsync(TestTenant tenant, string sku) =>
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/inventory/stock/{sku}", tenant.Admin.Token);

    async Task<JsonElement?> OwnPaymentAsync(Shopper shopper, Guid orderId)
    {
        var mine = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/payment/payments/me", shopper.Token);
        return mine.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("orderId").GetGuid() == orderId).Select(p => (JsonElement?)p).SingleOrDefault();
    }

    /// <summary>Waits until cart applied the order's <c>OrderConfirmed</c> (its processed-event record for that event id).</summary>
    async Task CartTookOutAsync(Guid orderId)
    {
        Guid eventId = Guid.Empty;
        await Eventually.TrueAsync(async () => (eventId = await shop.OrderingDb.ScalarAsync<Guid>(
            "select coalesce((select \"Id\" from outbox_messages where \"EventType\" = 'OrderConfirmed' and \"Payload\"->>'orderId' = $1), '00000000-0000-0000-0000-000000000000'::uuid)",
            orderId.ToString())) != Guid.Empty, "ordering staged OrderConfirmed");
        await Eventually.TrueAsync(async () => await shop.CartDb.ScalarAsync<long>(
            "select count(*) from processed_events where \"EventId\" = $1 and \"Handler\" = 'TakeOutOnOrderConfirmed'", eventId) == 1,
            "cart took the order out of the cart", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_checked_out_cart_is_confirmed_with_stock_committed_exactly_one_capture_and_the_cart_emptied()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, sku) = await Shopping.ProductAsync(tenant, 24.50m, units: 5);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 2);

        var orderId = await Shopping.CheckedOutAsync(shopper);

        var order = await Shopping.OrderOnceAsync(shopper, orderId, "processing");
        Assert.True(order.GetProperty("fromCart").GetBoolean());
        Assert.Equal(49.00m, order.GetProperty("total").GetProperty("amount").GetDecimal());
        await Eventually.TrueAsync(async () => await CapturesAsync(orderId) == 1 && await ReservationAsync(orderId) == "committed",
            "the payment was captured and inventory committed the reservation", TimeSpan.FromSeconds(30));
        await CartTookOutAsync(orderId);
        var stock = await StockAsync(tenant, sku);
        Assert.Equal(3, stock.GetProperty("onHand").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        var payment = (await OwnPaymentAsync(shopper, orderId))!.Value;
        Assert.Equal("captured", payment.GetProperty("status").GetString());
        Assert.Equal(49.00m, payment.GetProperty("capturedAmount").GetDecimal());
        Assert.Equal(1, await CapturesAsync(orderId));
        var cart = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/cart/cart", shopper.Token);
        Assert.Empty(cart.GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task A_declined_card_fails_the_order_releases_the_stock_captures_nothing_and_leaves_the_cart()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, sku) = await Shopping.ProductAsync(tenant, 10m, units: 3);
        var shopper = await Shopping.ShopperAsync(tenant.Id, Declined);
        await Shopping.AddToCartAsync(shopper, kettle, 2);

        var orderId = await Shopping.CheckedOutAsync(shopper);

        await Shopping.OrderOnceAsync(shopper, orderId, "failed");
        await Eventually.TrueAsync(async () => await ReservationAsync(orderId) is null or "released", "the reservation was released");
        var stock = await StockAsync(tenant, sku);
        Assert.Equal(3, stock.GetProperty("onHand").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
        Assert.Equal(0, await CapturesAsync(orderId));
        var payment = await OwnPaymentAsync(shopper, orderId);
        Assert.True(payment is null || payment.Value.GetProperty("capturedAmount").GetDecimal() == 0m, "nothing captured");
        var cart = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/cart/cart", shopper.Token);
        Assert.Equal(2, Assert.Single(cart.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Stock_gone_after_the_cart_was_filled_fails_the_order_and_charges_nothing()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, sku) = await Shopping.ProductAsync(tenant, 10m, units: 2);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 2);
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/inventory/stock/{sku}/write-off", tenant.Admin.Token,
            new { quantity = 1, reason = "broken in the store room" });

        var orderId = await Shopping.CheckedOutAsync(shopper);

        await Shopping.OrderOnceAsync(shopper, orderId, "failed");
        Assert.Equal(0, await CapturesAsync(orderId));
        Assert.Null(await OwnPaymentAsync(shopper, orderId));
        var stock = await StockAsync(tenant, sku);
        Assert.Equal(1, stock.GetProperty("onHand").GetInt64());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt64());
    }

    [Fact]
    public async Task One_key_sent_twice_places_one_order_and_the_same_key_with_another_body_is_a_422()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, _) = await Shopping.ProductAsync(tenant, 10m, units: 10);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 1);
        var key = Guid.NewGuid().ToString();

        var first = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/ordering/orders", shopper.Token, shopper.CheckoutBody, Shopping.Key(key));
        var again = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/ordering/orders", shopper.Token, shopper.CheckoutBody, Shopping.Key(key));
        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());

        var otherBody = new
        {
            lines = new[] { new { productId = kettle, quantity = 2 } },
            shippingAddressId = shopper.Shipping,
            billingAddressId = shopper.Billing,
            paymentMethodToken = shopper.CardToken,
        };
        var other = await Shopping.CheckoutAsync(shopper, key, otherBody);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/idempotency-key-reused");

        var orders = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/ordering/orders", shopper.Token);
        Assert.Equal(1, orders.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_paid_order_is_shipped_with_tracking_and_delivered_and_can_no_longer_be_cancelled()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, _) = await Shopping.ProductAsync(tenant, 12m, units: 3);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 1);
        var orderId = await Shopping.CheckedOutAsync(shopper);
        await Shopping.OrderOnceAsync(shopper, orderId, "processing");
        var label = await Shopping.ShipmentAsync(shopper, orderId, "label_purchased");

        shop.MoveParcels();
        await Shopping.OrderOnceAsync(shopper, orderId, "shipped");
        shop.MoveParcels();
        shop.MoveParcels();
        var order = await Shopping.OrderOnceAsync(shopper, orderId, "delivered");

        Assert.Equal(["pending", "confirmed", "processing", "shipped", "delivered"],
            order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        var shipment = await Shopping.ShipmentAsync(shopper, orderId, "delivered");
        Assert.Equal(label.GetProperty("trackingNumber").GetString(), shipment.GetProperty("trackingNumber").GetString());
        Assert.EndsWith(shipment.GetProperty("trackingNumber").GetString()!, shipment.GetProperty("trackingUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await shop.OrderingDb.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = 'OrderDelivered' and "Payload"->>'orderId' = $1""", orderId.ToString()));
        await ProblemAssert.IsProblemAsync(await Client.SendAsync(HttpMethod.Post, $"/api/v1/ordering/orders/{orderId}/cancel", shopper.Token, new { }),
            HttpStatusCode.Conflict, "https://daprshop.dev/problems/order-state");
    }

    [Fact]
    public async Task A_customer_cancelling_an_order_before_hand_over_has_the_shipment_cancelled_is_refunded_and_no_stock_stays_reserved()
    {
        var tenant = await Client.NewTenantAsync();
        var (kettle, sku) = await Shopping.ProductAsync(tenant, 30m, units: 4);
        var shopper = await Shopping.ShopperAsync(tenant.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 1);
        var orderId = await Shopping.CheckedOutAsync(shopper);
        await Shopping.OrderOnceAsync(shopper, orderId, "processing");
        await Shopping.ShipmentAsync(shopper, orderId, "label_purchased");
        await Eventually.TrueAsync(async () => await CapturesAsync(orderId) == 1, "the payment was captured", TimeSpan.FromSeconds(30));

        var cancelled = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/ordering/orders/{orderId}/cancel", shopper.Token,
            new { reason = "changed my mind" });
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());

        // payment keeps the state "captured" and counts what went back; its API answers "refunded".
        await Eventually.TrueAsync(async () => await shop.PaymentDb.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = 'PaymentRefunded' and "Payload"->>'orderId' = $1""", orderId.ToString()) == 1,
            "the cancellation refunded the payment", TimeSpan.FromSeconds(30));
        var payment = (await OwnPaymentAsync(shopper, orderId))!.Value;
        Assert.Equal("refunded", payment.GetProperty("status").GetString());
        Assert.Equal(30m, payment.GetProperty("refundedAmount").GetDecimal());
        Assert.Equal(0, (await StockAsync(tenant, sku)).GetProperty("reserved").GetInt64());
        var shipment = await Shopping.ShipmentAsync(shopper, orderId, "cancelled");
        Assert.Equal("ordering:order-cancelled", shipment.GetProperty("history").EnumerateArray().Last().GetProperty("source").GetString());
        var again = await Client.SendAsync(HttpMethod.Post, $"/api/v1/ordering/orders/{orderId}/cancel", shopper.Token, new { });
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/order-state");
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_refused_at_payment_and_the_gateway_does_not_route_webhooks()
    {
        var body = JsonSerializer.Serialize(new
        {
            id = "evt_" + Guid.NewGuid().ToString("N"),
            type = "authorization.succeeded",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            data = new { authorizationId = "auth_x", amount = 1m, currency = "EUR" },
        });
        var wrongSecret = WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes("not-the-secret"));

        // The provider reaches payment through payment's own sidecar (services/Payment/README.md), never the gateway.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{shop.Payment.Sidecar.HttpEndpoint}/v1.0/invoke/payment/method/webhooks/simulator")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(ProviderWebhooks.SignatureHeader, wrongSecret);
        using var http = new HttpClient();
        using var refused = await http.SendAsync(request, Ct);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "https://daprshop.dev/problems/webhook-signature");

        var tenant = await Client.NewTenantAsync();
        var viaGateway = await Client.SendAsync(HttpMethod.Post, "/api/v1/payment/webhooks/simulator", tenant.Admin.Token, JsonDocument.Parse(body).RootElement,
            h => h.TryAddWithoutValidation(ProviderWebhooks.SignatureHeader, wrongSecret));
        Assert.Equal(HttpStatusCode.NotFound, viaGateway.StatusCode);
    }

    [Fact]
    public async Task Orders_and_payments_of_one_tenant_are_404_to_another_tenant_and_to_another_customer_on_every_route()
    {
        var mine = await Client.NewTenantAsync();
        var theirs = await Client.NewTenantAsync();
        var (kettle, _) = await Shopping.ProductAsync(mine, 10m, units: 5);
        var shopper = await Shopping.ShopperAsync(mine.Id);
        await Shopping.AddToCartAsync(shopper, kettle, 1);
        var orderId = await Shopping.CheckedOutAsync(shopper);
        await Shopping.OrderOnceAsync(shopper, orderId, "processing");
        var paymentId = (await OwnPaymentAsync(shopper, orderId))!.Value.GetProperty("paymentId").GetGuid();

        var neighbour = await Client.SignUpAsync(mine.Id);
        var stranger = await Client.SignUpAsync(theirs.Id);
        foreach (var token in new[] { neighbour.Token, stranger.Token })
        {
            await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/v1/ordering/orders/{orderId}", token), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await Client.SendAsync(HttpMethod.Post, $"/api/v1/ordering/orders/{orderId}/cancel", token, new { }), HttpStatusCode.NotFound);
            await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/v1/payment/payments/me/{paymentId}", token), HttpStatusCode.NotFound);
            var orders = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/ordering/orders", token);
            Assert.Equal(0, orders.GetProperty("total").GetInt64());
        }
        // Another tenant's staff: the ids mean nothing there either.
        await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/v1/ordering/orders/{orderId}", theirs.Admin.Token), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Client.GetAsync($"/api/v1/payment/payments/{paymentId}", theirs.Admin.Token), HttpStatusCode.NotFound);
        var theirOrders = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/ordering/orders", theirs.Admin.Token);
        Assert.Equal(0, theirOrders.GetProperty("total").GetInt64());
        var theirPayments = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/payment/payments?orderId={orderId}", theirs.Admin.Token);
        Assert.Equal(0, theirPayments.GetProperty("total").GetInt64());
        // The shop's own staff see it.
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/ordering/orders/{orderId}", mine.Admin.Token);
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/payment/payments/{paymentId}", mine.Admin.Token);
    }

    [Fact]
    public async Task An_empty_cart_and_malformed_orders_are_4xx_problems_and_nothing_is_placed()
    {
        var tenant = await Client.NewTenantAsync();
        var shopper = await Shopping.ShopperAsync(tenant.Id);

        // The gateway's sidecar keeps a circuit breaker per target method path that counts every answer outside 200–399,
        // so five refusals in a row on /api/v1/orders would open it (for everyone, until the cluster clock moves on): a
        // successful read of the same path comes between every few refusals here.
        async Task StillServedAsync() => await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/ordering/orders", shopper.Token);
        await ProblemAssert.IsProblemAsync(await Shopping.CheckoutAsync(shopper), HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/cart-empty");
        await ProblemAssert.IsProblemAsync(await Shopping.CheckoutAsync(shopper, body: new { lines = "many", shippingAddressId = shopper.Shipping }), HttpStatusCode.BadRequest);
        await StillServedAsync();
        await ProblemAssert.IsProblemAsync(await Shopping.CheckoutAsync(shopper, body: new { shippingAddressId = "x", billingAddressId = shopper.Billing, paymentMethodToken = shopper.CardToken }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Shopping.CheckoutAsync(shopper, body: new { lines = Array.Empty<object>(), shippingAddressId = shopper.Shipping, billingAddressId = shopper.Billing, paymentMethodToken = shopper.CardToken }), HttpStatusCode.BadRequest);
        await StillServedAsync();
        await ProblemAssert.IsProblemAsync(await Client.SendAsync(HttpMethod.Post, "/api/v1/ordering/orders", shopper.Token, shopper.CheckoutBody), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Client.GetAsync("/api/v1/ordering/orders?status=nonsense", shopper.Token), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Client.SendAsync(HttpMethod.Post, "/api/v1/payment/payment-methods", shopper.Token, new { number = "4242" }), HttpStatusCode.BadRequest);
        var badId = await Client.GetAsync("/api/v1/ordering/orders/not-an-id", shopper.Token);
        Assert.True((int)badId.StatusCode is >= 400 and < 500, $"a malformed id answered {(int)badId.StatusCode}");

        var orders = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/ordering/orders", shopper.Token);
        Assert.Equal(0, orders.GetProperty("total").GetInt64());
    }
}
