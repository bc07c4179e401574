using System.Net;
using DaprShop.Contracts.Shipping;
using DaprShop.Ordering.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Ordering.Tests;

/// <summary>
/// After the capture: the saga moves the order to processing and requests one shipment; shipping's events move it on to
/// shipped and delivered, each once whatever the redelivery or arrival order; a cancel before hand-over cancels the
/// shipment, one after it is refused or leaves the order for operators. Shipping is a stand-in under its app id (its own
/// routes and carrier are proven in Shipping.Tests, the two services together in Scenario.Tests).
/// </summary>
public sealed class FulfilmentTests(OrderingService ordering) : IClassFixture<OrderingService>, IDisposable
{
    OrdersClient Api => new(ordering);
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => ordering.ParcelHandedOver = false;

    Task<long> OrderEventsAsync(Guid orderId, string type) => ordering.Database.ScalarAsync<long>(
        """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2""", type, orderId.ToString());

    Task<string> OrderEventFieldAsync(Guid orderId, string type, string field) => ordering.Database.ScalarAsync<string>(
        $"""select "Payload"->>'{field}' from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2""", type, orderId.ToString());

    async Task<(Buyer Buyer, OrderView Order, Guid Product)> ProcessingOrderAsync(int quantity = 2)
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 15m, stock: 10);
        var placed = await Api.PlaceOkAsync(buyer, (shirt, quantity));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        await ordering.UntilShipmentRequestedAsync(placed.Id);
        return (buyer, await Api.GetOkAsync(buyer.Token, placed.Id), shirt);
    }

    static ShipmentDispatched Dispatched(Buyer buyer, Guid orderId) =>
        new(Guid.CreateVersion7(), orderId, buyer.UserId, "simulator", "SIM00000000000000AA", "https://track.example/SIM00000000000000AA")
        {
            TenantId = buyer.TenantId,
        };

    static ShipmentDelivered Delivered(Buyer buyer, Guid orderId, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), orderId, buyer.UserId, "SIM00000000000000AA", at) { TenantId = buyer.TenantId };

    [Fact]
    public async Task A_captured_order_goes_to_processing_and_its_shipment_is_requested_once_with_its_lines()
    {
        var (buyer, order, shirt) = await ProcessingOrderAsync(quantity: 3);

        var shipment = ordering.Shipments[(buyer.TenantId, order.Id)];
        Assert.False(shipment.Cancelled);
        Assert.Equal((order.Number, buyer.UserId, buyer.ShippingAddressId, ServiceLevels.Standard),
            (shipment.Request.OrderNumber, shipment.Request.CustomerId, shipment.Request.ShippingAddressId, shipment.Request.ServiceLevel));
        Assert.Equal([new ShipmentLineRequest(shirt, 3)], shipment.Request.Lines);
        Assert.Equal("saga:request-shipment", order.History!.Single(h => h.To == "processing").Cause);
        await Eventually.TrueAsync(async () => await OrderEventsAsync(order.Id, "OrderProcessing") == 1, "OrderProcessing was announced");
    }

    [Fact]
    public async Task Shipping_events_move_the_order_to_shipped_then_delivered_each_once_however_often_they_come()
    {
        var (buyer, order, shirt) = await ProcessingOrderAsync();
        var dispatched = Dispatched(buyer, order.Id);
        var delivered = Delivered(buyer, order.Id, ordering.Now);

        await ordering.PublishShippingEventAsync(dispatched);
        await ordering.PublishShippingEventAsync(dispatched with { EventId = Guid.CreateVersion7() });
        await Api.UntilStatusAsync(buyer.Token, order.Id, "shipped");
        await ordering.PublishShippingEventAsync(delivered);
        await ordering.PublishShippingEventAsync(delivered);
        var done = await Api.UntilStatusAsync(buyer.Token, order.Id, "delivered");
        await ordering.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal(["pending", "confirmed", "processing", "shipped", "delivered"], done.History!.Select(h => h.To));
        Assert.Equal(["shipping:dispatched", "shipping:delivered"], done.History!.Skip(3).Select(h => h.Cause));
        Assert.Equal(1, await OrderEventsAsync(order.Id, "OrderShipped"));
        Assert.Equal(1, await OrderEventsAsync(order.Id, "OrderDelivered"));
        Assert.Equal("https://track.example/SIM00000000000000AA", await OrderEventFieldAsync(order.Id, "OrderShipped", "trackingUrl"));
        Assert.Equal(order.Number, await OrderEventFieldAsync(order.Id, "OrderDelivered", "number"));
        Assert.Contains(shirt.ToString(), await OrderEventFieldAsync(order.Id, "OrderDelivered", "lines"), StringComparison.Ordinal);
        // Shipped: too late to cancel.
        await ProblemAssert.IsProblemAsync(await Api.CancelAsync(buyer.Token, order.Id), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_delivery_that_arrives_before_its_dispatch_is_applied_once_the_dispatch_is_there()
    {
        var (buyer, order, _) = await ProcessingOrderAsync();

        await ordering.PublishShippingEventAsync(Delivered(buyer, order.Id, ordering.Now));
        await Eventually.TrueAsync(() => ordering.Host.Cluster.Calls.All.Any(c => c.AppId == "ordering" && c.Operation == "deliver"
            && c.Target.EndsWith("/shipping-events", StringComparison.Ordinal) && c.Outcome.Contains("RETRY", StringComparison.Ordinal)),
            "the early delivery was answered RETRY");
        Assert.Equal("processing", (await Api.GetOkAsync(buyer.Token, order.Id)).Status);

        await ordering.PublishShippingEventAsync(Dispatched(buyer, order.Id));

        var done = await Api.UntilStatusAsync(buyer.Token, order.Id, "delivered");
        Assert.Equal(["processing", "shipped", "delivered"], done.History!.Skip(2).Select(h => h.To));
    }

    [Fact]
    public async Task Shipping_events_of_another_tenant_or_an_unknown_order_change_nothing()
    {
        var (buyer, order, _) = await ProcessingOrderAsync();
        var stranger = await ordering.NewBuyerAsync();

        await ordering.PublishShippingEventAsync(Dispatched(stranger, order.Id));
        await ordering.PublishShippingEventAsync(Dispatched(buyer, Guid.CreateVersion7()));
        await ordering.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal("processing", (await Api.GetOkAsync(buyer.Token, order.Id)).Status);
        Assert.Equal(0, await OrderEventsAsync(order.Id, "OrderShipped"));
    }

    [Fact]
    public async Task A_cancel_after_the_carrier_took_the_parcel_refunds_and_flags_the_order_for_operators()
    {
        var (buyer, order, _) = await ProcessingOrderAsync();
        ordering.ParcelHandedOver = true;

        using var cancel = await Api.CancelAsync(buyer.Token, order.Id, new { reason = "too slow" });
        await OrdersClient.OkAsync<OrderView>(cancel);

        var staff = ordering.StaffToken(buyer.TenantId);
        await Eventually.TrueAsync(async () =>
        {
            using var list = await Api.ListAsync(staff, "?attention=true");
            return (await OrdersClient.OkAsync<PageView>(list)).Items.Any(o => o.Id == order.Id);
        }, "the order was flagged for operators", TimeSpan.FromSeconds(60));
        Assert.False(ordering.Shipments[(buyer.TenantId, order.Id)].Cancelled);
        // What could be given back was: the money.
        Assert.Equal(30m, await ordering.PaymentDb.ScalarAsync<decimal>("select refunded_amount from payments where order_id = $1", order.Id));
    }
}
