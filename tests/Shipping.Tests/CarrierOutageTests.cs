using System.Net;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>
/// The carrier down: shipments are accepted and queued (status requested), the cron sweep retries them after a back-off
/// and they all go out when the carrier returns — none lost, none bought twice. Lost tracking updates are recovered by
/// the sweep's tracking poll.
/// </summary>
public sealed class CarrierOutageTests(ShippingService shipping) : IClassFixture<ShippingService>, IDisposable
{
    ShippingApi Api => shipping.Api;

    public void Dispose() => shipping.CarrierBack();

    [Fact]
    public async Task While_the_carrier_is_down_shipments_queue_and_go_out_once_when_it_returns()
    {
        var customer = shipping.NewUser();
        shipping.Carrier.Down = true;
        var labels = shipping.Carrier.LabelCount;

        var queued = new List<ShipmentResponse>();
        for (var i = 0; i < 5; i++) queued.Add(await Api.ShipAsync(customer));
        Assert.All(queued, s => Assert.Equal(ShipmentStatuses.Requested, s.Status));
        Assert.All(queued, s => Assert.Null(s.TrackingNumber));

        // Still down: the sweep tries (once: the first failure ends it), nothing is bought, nothing is lost.
        shipping.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((int)HttpStatusCode.OK, await Api.SweepAsync());
        Assert.Equal(labels, shipping.Carrier.LabelCount);
        foreach (var s in queued) Assert.Equal(ShipmentStatuses.Requested, await shipping.StatusOfAsync(s.OrderId));

        shipping.CarrierBack();
        shipping.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal((int)HttpStatusCode.OK, await Api.SweepAsync());

        // The cron binding also fires on its own schedule: a sweep running beside ours may hold some (SKIP LOCKED).
        foreach (var s in queued)
        {
            await Eventually.TrueAsync(async () => (await Api.OwnAsync(customer, s.ShipmentId)).Status == ShipmentStatuses.LabelPurchased, "sent");
            Assert.NotNull((await Api.OwnAsync(customer, s.ShipmentId)).TrackingNumber);
        }

        Assert.Equal(labels + 5, shipping.Carrier.LabelCount);
        await Api.SweepAsync();
        Assert.Equal(labels + 5, shipping.Carrier.LabelCount);
    }

    [Fact]
    public async Task A_carrier_that_stays_down_opens_its_breaker_and_later_calls_are_queued_without_reaching_it()
    {
        var customer = shipping.NewUser();
        shipping.Carrier.Down = true;

        // Each request's purchase is tried by the sidecar's retry policy; once the breaker's trip count of failed
        // attempts is reached, calls fail at once in the sidecar and the carrier sees nothing more.
        var requests = 0;
        long before;
        do
        {
            before = shipping.Carrier.Calls;
            var queued = await Api.ShipAsync(customer);
            Assert.Equal(ShipmentStatuses.Requested, queued.Status);
            requests++;
        }
        while (shipping.Carrier.Calls > before && requests < 10);

        Assert.True(shipping.Carrier.Calls == before, "the breaker stopped the calls");
        Assert.True(before >= RepositoryResiliency.TripCount("carrier"), "it opened on the policy's trip count, not sooner");
        Assert.Contains(shipping.Host.Dapr.Cluster.Calls.Where(appId: ShippingService.AppId, api: "invoke", operation: "circuit-breaker"),
            c => c.Target.StartsWith("carrier:", StringComparison.Ordinal) && c.Outcome == "closed -> open");
        using var rates = await Api.SendAsync(HttpMethod.Get, "/api/v1/shipping-rates", customer.Token);
        await ProblemAssert.IsProblemAsync(rates, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(before, shipping.Carrier.Calls);
    }

    [Fact]
    public async Task A_carrier_attempt_slower_than_the_policys_timeout_is_given_up_and_retried_and_one_label_is_bought()
    {
        var customer = shipping.NewUser();
        var (calls, labels) = (shipping.Carrier.Calls, shipping.Carrier.LabelCount);
        shipping.Carrier.SlowNext(1, TimeSpan.FromSeconds(3));

        var shipment = await Api.ShipAsync(customer);

        Assert.Equal(ShipmentStatuses.LabelPurchased, shipment.Status);
        Assert.Equal(calls + 2, shipping.Carrier.Calls);
        Assert.Equal(labels + 1, shipping.Carrier.LabelCount);
        Assert.Contains(shipping.Host.Dapr.Cluster.Calls.Where(appId: ShippingService.AppId, api: "invoke", target: "carrier/labels"),
            c => c.Outcome.EndsWith("context deadline exceeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queued_shipment_is_not_retried_before_its_back_off_is_over()
    {
        var customer = shipping.NewUser();
        shipping.Carrier.Down = true;
        var shipment = await Api.ShipAsync(customer);
        shipping.CarrierBack();

        // The first retry waits RetryFirstSeconds (10 s) on the app's clock.
        await Api.SweepAsync();
        Assert.Equal(ShipmentStatuses.Requested, await shipping.StatusOfAsync(shipment.OrderId));

        shipping.Advance(TimeSpan.FromSeconds(11));
        await Api.SweepAsync();
        await Eventually.TrueAsync(async () => await shipping.StatusOfAsync(shipment.OrderId) == ShipmentStatuses.LabelPurchased, "sent");
    }

    [Fact]
    public async Task Ordering_asking_again_while_the_carrier_is_down_gets_the_queued_shipment_not_an_error()
    {
        var customer = shipping.NewUser();
        shipping.Carrier.Down = true;
        var request = ShippingApi.NewRequest(customer);
        await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request), HttpStatusCode.Created);

        var again = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request));

        Assert.Equal(ShipmentStatuses.Requested, again.Status);
        Assert.Equal(1, await shipping.CountShipmentsAsync(request.OrderId));

        shipping.CarrierBack();
        shipping.Advance(TimeSpan.FromMinutes(1));
        await Api.SweepAsync();
        await Eventually.TrueAsync(async () => await shipping.StatusOfAsync(request.OrderId) == ShipmentStatuses.LabelPurchased, "sent");
    }

    [Fact]
    public async Task Tracking_updates_whose_webhooks_were_lost_are_caught_up_by_the_sweeps_poll()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        // Lose every webhook from now: only the carrier's tracking knows the parcel moved.
        var lost = shipping.Carrier.LostUpdates;
        using (new LoseUpdates(shipping))
        {
            shipping.Advance(TimeSpan.FromMinutes(3));
            Assert.True(shipping.Carrier.LostUpdates >= lost + 3);
        }

        Assert.Equal(ShipmentStatuses.Delivered, shipping.Carrier.Find(shipment.TrackingNumber!)!.Value.Status);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));

        // TrackingPollAfterSeconds (an hour) without news: the sweep asks the carrier.
        shipping.Advance(TimeSpan.FromHours(1));
        await Api.SweepAsync();
        await Eventually.TrueAsync(async () => await shipping.StatusOfAsync(shipment.OrderId) == ShipmentStatuses.Delivered, "caught up");

        var caughtUp = await Api.OwnAsync(customer, shipment.ShipmentId);
        Assert.Equal(ShipmentStatuses.Delivered, caughtUp.Status);
        Assert.Equal("carrier:tracking", caughtUp.History![^1].Source);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDispatched), shipment.OrderId));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDelivered), shipment.OrderId));
    }

    /// <summary>Turns the simulator's lost-update rate to 1 for a while (the options object is the simulator's own).</summary>
    sealed class LoseUpdates : IDisposable
    {
        readonly Carriers.Simulator.SimulatorOptions _options;
        readonly double _before;

        public LoseUpdates(ShippingService shipping)
        {
            _options = shipping.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Carriers.Simulator.SimulatorOptions>>().Value;
            _before = _options.LostUpdateRate;
            _options.LostUpdateRate = 1;
        }

        public void Dispose() => _options.LostUpdateRate = _before;
    }
}
