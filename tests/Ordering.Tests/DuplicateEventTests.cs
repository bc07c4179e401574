using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>
/// Duplicate events change nothing: every delivery of the saga's events is made twice by the sidecar
/// (<c>Faults.DuplicateNextDelivery</c>, armed for exactly the deliveries the order causes, and shown to have fired),
/// and the database shows each effect once: one capture, one stock decrement, one return, one history row per move.
/// Tests in a class run one after another, and each starts with the broker idle, so the armed duplicates meet this
/// test's deliveries.
/// </summary>
public sealed class DuplicateEventTests(OrderingService ordering) : IClassFixture<OrderingService>
{
    const string PendingThenApprove = "4000000000003220";
    const string PendingThenDecline = "4000008400001629";

    OrdersClient Api => new(ordering);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Task IdleAsync() => ordering.Host.Cluster.PubSub.WhenIdleAsync(Ct);

    /// <summary>Arms <paramref name="count"/> duplicates on <paramref name="topic"/>; the returned function counts those that fired for an app.</summary>
    Func<string, int> ArmDuplicates(string topic, int count)
    {
        var before = ordering.Host.Cluster.Calls.All.Count;
        for (var i = 0; i < count; i++) ordering.Host.Cluster.Faults.DuplicateNextDelivery(topic);
        return appId => ordering.Host.Cluster.Calls.All.Skip(before)
            .Count(c => c.AppId == appId && c.Operation == "deliver" && c.Target.EndsWith($"/{topic}", StringComparison.Ordinal)
                        && c.Outcome == "injected-duplicate");
    }

    async Task<(long OnHand, long Reserved)> FiguresAsync(Guid tenantId, Guid productId)
    {
        var sku = ordering.SkuOf(tenantId, productId);
        return (await ordering.InventoryDb.ScalarAsync<long>("select on_hand from stock_items where tenant_id = $1 and sku = $2", tenantId, sku),
            await ordering.InventoryDb.ScalarAsync<long>("select reserved from stock_items where tenant_id = $1 and sku = $2", tenantId, sku));
    }

    Task<long> MovementsAsync(Guid orderId, string kind) =>
        ordering.InventoryDb.ScalarAsync<long>("select count(*) from stock_movements where order_id = $1 and kind = $2", orderId, kind);

    Task<long> PaymentEventsAsync(Guid orderId, string type, string operation) => ordering.PaymentDb.ScalarAsync<long>(
        """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2 and "Payload"->>'operation' = $3""",
        type, orderId.ToString(), operation);

    Task<long> HistoryRowsAsync(Guid orderId) =>
        ordering.Database.ScalarAsync<long>("select count(*) from order_status_history where order_id = $1", orderId);

    [Fact]
    public async Task A_pending_authorisations_PaymentSucceeded_delivered_twice_confirms_once_and_captures_once()
    {
        var buyer = await ordering.NewBuyerAsync(card: PendingThenApprove);
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 12m, stock: 4);
        await IdleAsync();
        // The authorisation's PaymentSucceeded (from the signed webhook) and the capture's.
        var duplicated = ArmDuplicates("payment-events", 2);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        await Eventually.TrueAsync(async () => await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture") == 1, "the capture was announced");
        await Eventually.TrueAsync(() => duplicated("ordering") == 2, "both payment events were delivered twice");
        await IdleAsync();

        Assert.Equal(["pending", "confirmed", "processing"], (await Api.GetOkAsync(buyer.Token, placed.Id)).History!.Select(h => h.To));
        Assert.Equal(3, await HistoryRowsAsync(placed.Id));
        Assert.Equal(1, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
        Assert.Equal(24m, await ordering.PaymentDb.ScalarAsync<decimal>("select captured_amount from payments where order_id = $1", placed.Id));
        Assert.Equal(1, await MovementsAsync(placed.Id, "reserve"));
        Assert.Equal(new MoneyView(24m, "EUR"), order.Total);
    }

    [Fact]
    public async Task A_pending_authorisations_PaymentFailed_delivered_twice_fails_the_order_once_and_releases_once()
    {
        var buyer = await ordering.NewBuyerAsync(card: PendingThenDecline);
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 12m, stock: 4);
        await IdleAsync();
        var duplicated = ArmDuplicates("payment-events", 1);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 3));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "failed");
        await Eventually.TrueAsync(() => duplicated("ordering") == 1, "PaymentFailed was delivered twice");
        await Eventually.TrueAsync(async () => await FiguresAsync(buyer.TenantId, shirt) == (4L, 0L), "the stock was released");
        await IdleAsync();

        Assert.Equal(2, await HistoryRowsAsync(placed.Id));
        Assert.Equal(1, await MovementsAsync(placed.Id, "release"));
        Assert.Equal((4L, 0L), await FiguresAsync(buyer.TenantId, shirt));
        Assert.Equal(0, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
    }

    [Fact]
    public async Task OrderCreated_and_OrderConfirmed_delivered_twice_start_one_saga_and_commit_the_stock_once()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 9m, stock: 10);
        await IdleAsync();
        // OrderCreated and OrderConfirmed, each to both subscribers of order-events (ordering and inventory), and
        // OrderConfirmed to cart (which takes a checked-out cart's lines out on it).
        var duplicated = ArmDuplicates("order-events", 5);

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 3));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        // Armed duplicates go to whichever deliveries of the topic come next, so which subscriber gets how many varies
        // with timing; what matters is that all fired and both services that act on these events saw duplicates.
        await Eventually.TrueAsync(() => duplicated("inventory") + duplicated("ordering") + duplicated("cart") == 5
                                         && duplicated("inventory") >= 1 && duplicated("ordering") >= 1, "every armed duplicate was delivered");
        await Eventually.TrueAsync(async () => await MovementsAsync(placed.Id, "commit") == 1, "inventory committed the stock");
        await IdleAsync();

        Assert.Equal(1, await MovementsAsync(placed.Id, "reserve"));
        Assert.Equal(1, await MovementsAsync(placed.Id, "commit"));
        Assert.Equal((7L, 0L), await FiguresAsync(buyer.TenantId, shirt));
        Assert.Equal(3, await HistoryRowsAsync(placed.Id));
        Assert.Equal(1, await ordering.PaymentDb.ScalarAsync<long>("select count(*) from payments where order_id = $1", placed.Id));
        Assert.Equal(1, await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture"));
    }

    [Fact]
    public async Task OrderCancelled_delivered_twice_after_the_commit_gives_the_stock_and_money_back_once()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 20m, stock: 6);
        var placed = await Api.PlaceOkAsync(buyer, (shirt, 2));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        await Eventually.TrueAsync(async () => await MovementsAsync(placed.Id, "commit") == 1, "inventory committed the stock");
        await Eventually.TrueAsync(async () => await PaymentEventsAsync(placed.Id, "PaymentSucceeded", "capture") == 1, "the capture was announced");
        await IdleAsync();
        // OrderCancelled goes to inventory (release or nothing) and to ordering (the cancellation's backstop); which
        // delivery takes which armed duplicate varies, so more are armed than needed and the rest disarmed at the end.
        var duplicated = ArmDuplicates("order-events", 4);

        using var cancel = await Api.CancelAsync(buyer.Token, placed.Id);
        await OrdersClient.OkAsync<OrderView>(cancel);
        await Eventually.TrueAsync(() => duplicated("inventory") >= 1, "OrderCancelled was delivered twice to inventory", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await MovementsAsync(placed.Id, "return") == 1, "the units were returned");
        await Eventually.TrueAsync(async () => await ordering.PaymentDb.ScalarAsync<decimal>(
            "select refunded_amount from payments where order_id = $1", placed.Id) == 40m, "the money was refunded", TimeSpan.FromSeconds(30));
        await IdleAsync();

        ordering.Host.Cluster.Faults.ClearDeliveryFaults("order-events");
        Assert.Equal((6L, 0L), await FiguresAsync(buyer.TenantId, shirt));
        Assert.Equal(1, await MovementsAsync(placed.Id, "return"));
        Assert.Equal(0, await MovementsAsync(placed.Id, "release"));
        Assert.Equal(4, await HistoryRowsAsync(placed.Id));
        Assert.Equal(1, await ordering.PaymentDb.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = 'PaymentRefunded' and "Payload"->>'orderId' = $1""", placed.Id.ToString()));
    }
}
