using System.Net;
using System.Text.Json;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>
/// The carrier drives a shipment to delivered by signed webhooks through shipping's own sidecar; shipping believes only
/// what the carrier signed, once, and never goes back.
/// </summary>
public sealed class TrackingTests(ShippingService shipping) : IClassFixture<ShippingService>
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(60);
    ShippingApi Api => shipping.Api;

    async Task WaitForAsync(TestUser customer, Guid shipmentId, string status) =>
        await Eventually.TrueAsync(async () => (await Api.OwnAsync(customer, shipmentId)).Status == status, $"the shipment is {status}");

    string Body(TestUser customer, ShipmentResponse shipment, string status, string? eventId = null, Guid? tenant = null, string? tracking = null) =>
        JsonSerializer.Serialize(new
        {
            id = eventId ?? "evt_" + Guid.NewGuid().ToString("N"),
            type = "tracking.updated",
            created = shipping.Now.ToUnixTimeSeconds(),
            data = new
            {
                trackingNumber = tracking ?? shipment.TrackingNumber,
                status,
                detail = "test",
                occurredAt = shipping.Now.ToUnixTimeSeconds(),
                metadata = new Dictionary<string, string>
                {
                    ["tenantId"] = (tenant ?? customer.TenantId).ToString(),
                    ["shipmentId"] = shipment.ShipmentId.ToString(),
                },
            },
        });

    [Fact]
    public async Task The_carriers_webhooks_take_the_shipment_to_delivered_with_its_history_and_events()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);

        shipping.Advance(Step);
        await WaitForAsync(customer, shipment.ShipmentId, ShipmentStatuses.InTransit);
        shipping.Advance(Step);
        await WaitForAsync(customer, shipment.ShipmentId, ShipmentStatuses.OutForDelivery);
        shipping.Advance(Step);
        await WaitForAsync(customer, shipment.ShipmentId, ShipmentStatuses.Delivered);

        var delivered = await Api.OwnAsync(customer, shipment.ShipmentId);
        Assert.Equal(
            [ShipmentStatuses.Requested, ShipmentStatuses.LabelPurchased, ShipmentStatuses.InTransit, ShipmentStatuses.OutForDelivery, ShipmentStatuses.Delivered],
            delivered.History!.Select(h => h.Status));
        Assert.Equal(["carrier", "carrier", "carrier"], delivered.History!.Skip(2).Select(h => h.Source));
        Assert.NotNull(delivered.DispatchedAt);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDispatched), shipment.OrderId));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDelivered), shipment.OrderId));
    }

    [Fact]
    public async Task A_replayed_event_id_is_refused_and_changes_nothing()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.InTransit);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.WebhookAsync(body, Api.Sign(body, shipping.Now))).StatusCode);

        var replay = await Api.WebhookAsync(body, Api.Sign(body, shipping.Now));

        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.BadRequest, "https://daprshop.dev/problems/webhook-replayed");
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDispatched), shipment.OrderId));
    }

    [Fact]
    public async Task The_same_webhook_delivered_eight_times_at_once_is_applied_once()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.Delivered);
        var signature = Api.Sign(body, shipping.Now);
        var gate = new TaskCompletionSource();

        var deliveries = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return (await Api.WebhookAsync(body, signature)).StatusCode;
        })).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(deliveries);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.NoContent));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDelivered), shipment.OrderId));
        // A lost in-transit update: delivered straight from the label still says it was dispatched, once.
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentDispatched), shipment.OrderId));
    }

    [Fact]
    public async Task A_late_update_after_a_later_one_changes_nothing()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var outForDelivery = Body(customer, shipment, ShipmentStatuses.OutForDelivery);
        await Api.WebhookAsync(outForDelivery, Api.Sign(outForDelivery, shipping.Now));

        var late = Body(customer, shipment, ShipmentStatuses.InTransit);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.WebhookAsync(late, Api.Sign(late, shipping.Now))).StatusCode);

        Assert.Equal(ShipmentStatuses.OutForDelivery, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_401_and_changes_nothing()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.Delivered);

        var response = await Api.WebhookAsync(body, Api.Sign(body, shipping.Now, secret: "not-the-secret"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "https://daprshop.dev/problems/webhook-signature");
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_401()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.InTransit);
        var signature = Api.Sign(body, shipping.Now);
        var forged = body.Replace("in_transit", "delivered", StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(forged, signature), HttpStatusCode.Unauthorized);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v1=nothex")]
    [InlineData("garbage")]
    public async Task A_missing_or_unreadable_signature_is_401(string? signature)
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.Delivered);

        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(body, signature), HttpStatusCode.Unauthorized);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_webhook_signed_more_than_five_minutes_ago_is_stale()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.Delivered);

        var response = await Api.WebhookAsync(body, Api.Sign(body, shipping.Now.AddSeconds(-301)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "https://daprshop.dev/problems/webhook-stale");
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_webhook_sent_straight_to_the_app_and_not_through_its_sidecar_is_401()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var body = Body(customer, shipment, ShipmentStatuses.Delivered);

        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(body, Api.Sign(body, shipping.Now), direct: true), HttpStatusCode.Unauthorized);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_signed_webhook_naming_another_tenant_or_another_tracking_number_moves_nothing()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        var otherTenant = Body(customer, shipment, ShipmentStatuses.Delivered, tenant: Guid.CreateVersion7());
        var otherParcel = Body(customer, shipment, ShipmentStatuses.Delivered, tracking: "SIM0000000000000000");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.WebhookAsync(otherTenant, Api.Sign(otherTenant, shipping.Now))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.WebhookAsync(otherParcel, Api.Sign(otherParcel, shipping.Now))).StatusCode);

        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Theory]
    [InlineData("{\"id\": ")]
    [InlineData("null")]
    [InlineData("{\"id\":\"evt_x\",\"type\":\"tracking.updated\",\"created\":1,\"data\":{\"trackingNumber\":\"SIM1\",\"status\":\"delivered\"}}")]
    [InlineData("{\"id\":\"\",\"type\":\"tracking.updated\",\"created\":1,\"data\":null}")]
    public async Task A_signed_but_unreadable_webhook_is_400(string body) =>
        await ProblemAssert.IsProblemAsync(await Api.WebhookAsync(body, Api.Sign(body, shipping.Now)), HttpStatusCode.BadRequest);
}
