using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>The saga end to end against real payment (card simulator) and inventory.</summary>
public sealed class SagaTests(OrderingService ordering) : IClassFixture<OrderingService>
{
    OrdersClient Api => new(ordering);

    async Task<string> ReservationStatusAsync(Guid orderId) =>
        await ordering.InventoryDb.ScalarAsync<string>("select status from reservations where order_id = $1", orderId);

    async Task<long> StockAsync(Guid tenantId, string sku, string column) =>
        await ordering.InventoryDb.ScalarAsync<long>($"select {column} from stock_items where tenant_id = $1 and sku = $2", tenantId, sku);

    async Task<long> PaymentEventsAsync(Guid orderId, string type, string operation) =>
        await ordering.PaymentDb.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2 and "Payload"->>'operation' = $3""",
            type, orderId.ToString(), operation);

    async Task<string?> PaymentStateAsync(Guid orderId) =>
        await ordering.PaymentDb.ScalarAsync<string?>("select state from payments where order_id = $1", orderId);

    [Fact]
    public async Task A_good_order_is_confirmed_with_its_stock_committed_and_exactly_one_capture()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 19.90m, stock: 10);
        var mug = await ordering.NewProductAsync(buyer.TenantId, 7.50m, stock: 5);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2), (mug, 1));
        Assert.Equal("pending", placed.Status);
        Assert.Matches(@"^DS-\d{4}-\d{6}$", placed.Number);

        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        Assert.Equal(new MoneyView(47.30m, "EUR"), order.Total);
        Assert.Equal(["pending", "confirmed", "processing"], order.History!.Select(h => h.To));
        await Eventually.TrueAsync(async () => await PaymentStateAsync(placed.Id) == "captured", "the payment was captured");
        await Eventually.TrueAsync(async () => await ReservationStatusAsync(placed.Id) == "committed", "inventory committed the reservation");
        Assert.Equal(8, await StockAsync(buyer.TenantId, ordering.SkuOf(buyer.TenantId, shirt), "on_hand"));
        Assert.Equal(0, await StockAsync(buyer.TenantId, ordering.SkuOf(buyer.TenantId, shirt), "reserved"));
        Assert.Equal(1, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
        Assert.Equal(47.30m, await ordering.PaymentDb.ScalarAsync<decimal>("select captured_amount from payments where order_id = $1", placed.Id));
    }

    [Fact]
    public async Task A_declined_card_fails_the_order_releases_the_stock_and_captures_nothing()
    {
        var buyer = await ordering.NewBuyerAsync(card: "4000000000000002");
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 3);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "failed");

        Assert.Contains("declin", order.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("released", await ReservationStatusAsync(placed.Id));
        Assert.Equal(0, await StockAsync(buyer.TenantId, ordering.SkuOf(buyer.TenantId, shirt), "reserved"));
        Assert.Equal("failed", await PaymentStateAsync(placed.Id));
        Assert.Equal(0, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
    }

    [Fact]
    public async Task Short_stock_fails_the_order_before_any_money_is_touched()
    {
        var buyer = await ordering.NewBuyerAsync();
        var rare = await ordering.NewProductAsync(buyer.TenantId, 99m, stock: 1);

        var placed = await Api.PlaceOkAsync(buyer, (rare, 2));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "failed");

        Assert.Contains("stock", order.StatusReason, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await PaymentStateAsync(placed.Id));
        Assert.Equal(0, await StockAsync(buyer.TenantId, ordering.SkuOf(buyer.TenantId, rare), "reserved"));
    }

    [Fact]
    public async Task An_unknown_product_or_an_address_that_is_not_the_buyers_fails_the_order()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 3);

        var unknown = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));
        using var response = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer with { ShippingAddressId = Guid.CreateVersion7() }, (shirt, 1)));
        var strangeAddress = await OrdersClient.OkAsync<OrderView>(response, System.Net.HttpStatusCode.Created);

        Assert.Contains("does not exist", (await Api.UntilStatusAsync(buyer.Token, unknown.Id, "failed")).StatusReason, StringComparison.Ordinal);
        Assert.Contains("address", (await Api.UntilStatusAsync(buyer.Token, strangeAddress.Id, "failed")).StatusReason, StringComparison.Ordinal);
        Assert.Null(await PaymentStateAsync(unknown.Id));
        Assert.Null(await PaymentStateAsync(strangeAddress.Id));
    }

    [Fact]
    public async Task A_card_that_fails_at_capture_cancels_the_confirmed_order_and_charges_nothing()
    {
        var buyer = await ordering.NewBuyerAsync(card: "4000000000000341");
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 3);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 1));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "cancelled");

        Assert.Equal(["pending", "confirmed", "cancelled"], order.History!.Select(h => h.To));
        Assert.Contains("capture", order.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
        // The order was confirmed, so inventory may have committed the unit: it comes back either way.
        var sku = ordering.SkuOf(buyer.TenantId, shirt);
        await Eventually.TrueAsync(async () => await ReservationStatusAsync(placed.Id) is "returned" or "released", "the stock came back");
        await ordering.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await StockAsync(buyer.TenantId, sku, "on_hand"));
        Assert.Equal(0, await StockAsync(buyer.TenantId, sku, "reserved"));
    }

    [Fact]
    public async Task A_customer_who_cancels_an_order_in_processing_has_the_shipment_cancelled_and_is_refunded_in_full()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 25m, stock: 3);
        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        await ordering.UntilShipmentRequestedAsync(placed.Id);
        await Eventually.TrueAsync(async () => await PaymentStateAsync(placed.Id) == "captured", "the payment was captured");

        using var cancel = await Api.CancelAsync(buyer.Token, placed.Id, new { reason = "changed my mind" });
        var cancelled = await OrdersClient.OkAsync<OrderView>(cancel);

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("customer:cancel", cancelled.History!.Last().Cause);
        await Eventually.TrueAsync(() => ordering.Shipments[(buyer.TenantId, placed.Id)].Cancelled, "the shipment was cancelled before hand-over");
        // payment keeps the state "captured" and counts what went back (its API answers "refunded").
        await Eventually.TrueAsync(async () => await ordering.PaymentDb.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = 'PaymentRefunded' and "Payload"->>'orderId' = $1""", placed.Id.ToString()) == 1,
            "the refund went through");
        Assert.Equal(50m, await ordering.PaymentDb.ScalarAsync<decimal>("select refunded_amount from payments where order_id = $1", placed.Id));
        Assert.Equal(1, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
        // The stock comes back exactly once: returned if inventory had committed it on OrderConfirmed, released if the
        // cancellation got there first.
        var sku = ordering.SkuOf(buyer.TenantId, shirt);
        await Eventually.TrueAsync(async () => await ReservationStatusAsync(placed.Id) is "returned" or "released", "the stock came back");
        Assert.Equal(3, await StockAsync(buyer.TenantId, sku, "on_hand"));
        Assert.Equal(0, await StockAsync(buyer.TenantId, sku, "reserved"));
        await ordering.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await StockAsync(buyer.TenantId, sku, "on_hand"));
        Assert.Equal(1, await ordering.InventoryDb.ScalarAsync<long>(
            "select count(*) from stock_movements where order_id = $1 and kind in ('return', 'release')", placed.Id));
        Assert.Equal(0, await ordering.InventoryDb.ScalarAsync<long>("""
            select count(*) from stock_items s
             where s.on_hand <> (select sum(m.on_hand_delta) from stock_movements m where m.tenant_id = s.tenant_id and m.sku = s.sku)
                or s.reserved <> (select sum(m.reserved_delta) from stock_movements m where m.tenant_id = s.tenant_id and m.sku = s.sku)
            """));
    }

    [Fact]
    public async Task Cancelling_a_failed_order_is_an_illegal_transition()
    {
        var buyer = await ordering.NewBuyerAsync();
        var placed = await Api.PlaceOkAsync(buyer, (Guid.CreateVersion7(), 1));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "failed");

        using var response = await Api.CancelAsync(buyer.Token, placed.Id);

        await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.Conflict, "https://daprshop.dev/problems/order-state");
        Assert.Equal("failed", (await Api.GetOkAsync(buyer.Token, placed.Id)).Status);
    }
}
