using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Hosting;

namespace DaprShop.Shipping.Tests;

/// <summary>shipping beside a bad carrier: half of the label purchases fail (half of those after the label was sold),
/// a third of the tracking webhooks are lost, a third of the parcels hit an exception. Seeded, so a failure replays.</summary>
public sealed class FaultyCarrierShipping : ShippingService
{
    protected override void Configure(ServiceHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Setting("CarrierSimulator:FailureRate", "0.5")
            .Setting("CarrierSimulator:LostUpdateRate", "0.33")
            .Setting("CarrierSimulator:ExceptionRate", "0.33")
            .Setting("CarrierSimulator:Seed", "42");
    }
}

/// <summary>
/// Twenty orders shipped through a faulty carrier all end delivered, each with exactly one label and one dispatched and
/// one delivered event: the queue and the cron sweep retry purchases (the idempotency key returns a label sold before
/// its answer was lost), and the sweep's tracking poll catches up with the lost webhooks.
/// </summary>
public sealed class FaultRunTests(FaultyCarrierShipping shipping) : IClassFixture<FaultyCarrierShipping>
{
    const int Orders = 20;

    ShippingApi Api => shipping.Api;

    async Task<long> CountAsync(string status, Guid tenant) =>
        await shipping.Database.ScalarAsync<long>("select count(*) from shipments where status = $1 and tenant_id = $2", status, tenant);

    [Fact]
    public async Task Every_order_is_delivered_once_with_one_label_whatever_the_carrier_drops()
    {
        var customer = shipping.NewUser();
        var labels = shipping.Carrier.LabelCount;
        var orders = new List<Guid>();
        for (var i = 0; i < Orders; i++)
        {
            var request = ShippingApi.NewRequest(customer);
            var shipment = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request), System.Net.HttpStatusCode.Created);
            Assert.Contains(shipment.Status, new[] { ShipmentStatuses.Requested, ShipmentStatuses.LabelPurchased });
            orders.Add(request.OrderId);
        }

        Assert.True(await CountAsync(ShipmentStatuses.Requested, customer.TenantId) > 0, "the seed queues some shipments");

        // Ten minutes of the app's clock per round: queued purchases come due, parcels move a step or more, and every
        // sixth round the sweep polls the parcels whose updates were lost.
        for (var round = 0; round < 200 && await CountAsync(ShipmentStatuses.Delivered, customer.TenantId) < Orders; round++)
        {
            shipping.Advance(TimeSpan.FromMinutes(10));
            // Ten minutes on: a carrier breaker a run of failures opened has long timed out (the sidecar's clock is real
            // time, so say so), and the sweep meets a closed one, as it would.
            shipping.Host.Dapr.Cluster.ResetInvocationBreakers();
            await Eventually.TrueAsync(() => shipping.CarrierWebhooks.InFlight == 0, "this round's webhooks are delivered");
            await Api.SweepAsync();
        }

        await Eventually.TrueAsync(() => shipping.CarrierWebhooks.InFlight == 0, "no webhook left");
        Assert.Equal(Orders, await CountAsync(ShipmentStatuses.Delivered, customer.TenantId));
        Assert.Equal(labels + Orders, shipping.Carrier.LabelCount);
        Assert.True(shipping.Carrier.LostUpdates > 0, "the seed loses updates");
        foreach (var order in orders)
        {
            Assert.Equal(1, await shipping.CountShipmentsAsync(order));
            Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCreated), order));
            Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDispatched), order));
            Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDelivered), order));
        }
    }
}
