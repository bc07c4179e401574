using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>Customers follow their own shipments; staff read the tenant's; an admin cancels one before hand-over, and only then.</summary>
public sealed class StaffTests(ShippingService shipping) : IClassFixture<ShippingService>, IDisposable
{
    ShippingApi Api => shipping.Api;

    public void Dispose() => shipping.CarrierBack();

    Task<HttpResponseMessage> CancelAsync(TestUser admin, Guid shipmentId, string? reason = "Customer moved") =>
        Api.SendAsync(HttpMethod.Post, $"/api/v1/shipments/{shipmentId}/cancel", admin.Token, new { reason });

    [Fact]
    public async Task A_customer_lists_their_own_shipments_newest_first_with_tracking()
    {
        var customer = shipping.NewUser();
        var first = await Api.ShipAsync(customer);
        shipping.Advance(TimeSpan.FromSeconds(1));
        var second = await Api.ShipAsync(customer);
        await Api.ShipAsync(shipping.NewUser(customer.TenantId));

        var page = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments/me?pageSize=10", customer.Token));

        Assert.Equal([second.ShipmentId, first.ShipmentId], page.Items.Select(s => s.ShipmentId));
        Assert.Equal(2, page.Total);
        Assert.All(page.Items, s => Assert.NotNull(s.TrackingUrl));
    }

    [Fact]
    public async Task Staff_list_the_tenants_shipments_and_filter_them()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var support = shipping.NewUser(customer.TenantId, "support");
        var shipped = await Api.ShipAsync(customer);
        shipping.Carrier.Down = true;
        var queued = await Api.ShipAsync(shipping.NewUser(customer.TenantId));
        shipping.CarrierBack();

        var all = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments", support.Token));
        var requested = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(
            await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments?status=requested", admin.Token));
        var byOrder = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments?orderId={shipped.OrderId}", admin.Token));

        Assert.Equal(2, all.Total);
        Assert.Equal([queued.ShipmentId], requested.Items.Select(s => s.ShipmentId));
        Assert.Equal([shipped.ShipmentId], byOrder.Items.Select(s => s.ShipmentId));
        var one = await ShippingApi.OkAsync<ShipmentResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/{shipped.ShipmentId}", support.Token));
        Assert.Equal(2, one.History!.Count);
    }

    [Fact]
    public async Task Customers_cannot_use_the_staff_routes_and_support_cannot_cancel()
    {
        var customer = shipping.NewUser();
        var support = shipping.NewUser(customer.TenantId, "support");
        var shipment = await Api.ShipAsync(customer);

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments", customer.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/{shipment.ShipmentId}", customer.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CancelAsync(customer, shipment.ShipmentId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CancelAsync(support, shipment.ShipmentId)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments/me", null)).StatusCode);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task An_admin_cancels_a_shipment_with_a_label_and_the_label_is_voided_at_the_carrier()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var shipment = await Api.ShipAsync(customer);

        var cancelled = await ShippingApi.OkAsync<ShipmentResponse>(await CancelAsync(admin, shipment.ShipmentId));

        Assert.Equal(ShipmentStatuses.Cancelled, cancelled.Status);
        Assert.Equal(("Customer moved", $"admin:{admin.UserId}"), (cancelled.History![^1].Detail, cancelled.History![^1].Source));
        Assert.True(shipping.Carrier.Find(shipment.TrackingNumber!)!.Value.Voided);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCancelled), shipment.OrderId));

        // Cancelling again answers it as it is; the voided parcel never moves.
        Assert.Equal(ShipmentStatuses.Cancelled, (await ShippingApi.OkAsync<ShipmentResponse>(await CancelAsync(admin, shipment.ShipmentId))).Status);
        shipping.Advance(TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => shipping.CarrierWebhooks.InFlight == 0, "the carrier's webhooks are out");
        Assert.Equal(ShipmentStatuses.Cancelled, await shipping.StatusOfAsync(shipment.OrderId));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCancelled), shipment.OrderId));
    }

    [Fact]
    public async Task A_queued_shipment_cancelled_is_never_sent()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        shipping.Carrier.Down = true;
        var shipment = await Api.ShipAsync(customer);

        Assert.Equal(ShipmentStatuses.Cancelled, (await ShippingApi.OkAsync<ShipmentResponse>(await CancelAsync(admin, shipment.ShipmentId))).Status);

        shipping.CarrierBack();
        shipping.Advance(TimeSpan.FromMinutes(10));
        await Api.SweepAsync();
        Assert.Equal(ShipmentStatuses.Cancelled, await shipping.StatusOfAsync(shipment.OrderId));
        Assert.False(shipping.Carrier.Sold(Dispatch.LabelPurchase.CarrierKey(customer.TenantId, shipment.OrderId)));
    }

    [Fact]
    public async Task A_shipment_the_carrier_has_cannot_be_cancelled_409()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var shipment = await Api.ShipAsync(customer);
        shipping.Advance(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => await shipping.StatusOfAsync(shipment.OrderId) == ShipmentStatuses.InTransit, "picked up");

        var problem = await ProblemAssert.IsProblemAsync(await CancelAsync(admin, shipment.ShipmentId), HttpStatusCode.Conflict,
            "https://daprshop.dev/problems/shipment-state");

        Assert.Equal(ShipmentStatuses.InTransit, problem.Body.GetProperty("shipmentStatus").GetString());
        Assert.Equal(ShipmentStatuses.InTransit, await shipping.StatusOfAsync(shipment.OrderId));
    }

    Task<HttpResponseMessage> OrderingCancelAsync(Guid tenantId, Guid orderId, string? reason = "order cancelled by customer", bool asIntruder = false) =>
        Api.InternalAsync(HttpMethod.Post, ShippingRoutes.CancelShipment(orderId), tenantId,
            System.Net.Http.Json.JsonContent.Create(new CancelShipmentRequest(reason)), asIntruder);

    [Fact]
    public async Task Ordering_cancels_an_orders_shipment_before_hand_over_and_again_answers_it_as_it_is()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);

        var cancelled = await ShippingApi.OkAsync<ShipmentResponse>(await OrderingCancelAsync(customer.TenantId, shipment.OrderId));
        var again = await ShippingApi.OkAsync<ShipmentResponse>(await OrderingCancelAsync(customer.TenantId, shipment.OrderId));

        Assert.Equal((ShipmentStatuses.Cancelled, ShipmentStatuses.Cancelled), (cancelled.Status, again.Status));
        Assert.Equal(("order cancelled by customer", "ordering:order-cancelled"), (cancelled.History![^1].Detail, cancelled.History![^1].Source));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCancelled), shipment.OrderId));
    }

    [Fact]
    public async Task Ordering_cancelling_an_order_without_a_shipment_or_of_another_tenant_is_404()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);

        await ProblemAssert.IsProblemAsync(await OrderingCancelAsync(customer.TenantId, Guid.CreateVersion7()), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await OrderingCancelAsync(Guid.CreateVersion7(), shipment.OrderId), HttpStatusCode.NotFound);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task Ordering_cannot_cancel_a_parcel_the_carrier_has_409_and_only_ordering_may_ask()
    {
        var customer = shipping.NewUser();
        var shipment = await Api.ShipAsync(customer);
        await ProblemAssert.IsProblemAsync(await OrderingCancelAsync(customer.TenantId, shipment.OrderId, asIntruder: true), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await OrderingCancelAsync(customer.TenantId, shipment.OrderId, reason: null), HttpStatusCode.BadRequest);
        shipping.Advance(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => await shipping.StatusOfAsync(shipment.OrderId) == ShipmentStatuses.InTransit, "picked up");

        await ProblemAssert.IsProblemAsync(await OrderingCancelAsync(customer.TenantId, shipment.OrderId), HttpStatusCode.Conflict,
            "https://daprshop.dev/problems/shipment-state");

        Assert.Equal(ShipmentStatuses.InTransit, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_cancel_while_the_carrier_is_down_is_503_and_changes_nothing()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var shipment = await Api.ShipAsync(customer);
        shipping.Carrier.Down = true;

        var response = await CancelAsync(admin, shipment.ShipmentId);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "https://daprshop.dev/problems/carrier-unavailable");
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Theory]
    [InlineData("/api/v1/shipments?status=shipped")]
    [InlineData("/api/v1/shipments?pageSize=0")]
    [InlineData("/api/v1/shipments?page=0")]
    [InlineData("/api/v1/shipments?pageSize=1000")]
    [InlineData("/api/v1/shipments?orderId=not-a-guid")]
    public async Task Bad_list_queries_are_400(string path)
    {
        var admin = shipping.NewUser(roles: "admin");

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, path, admin.Token), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"reason\": null}")]
    [InlineData("{\"reason\": \"\"}")]
    [InlineData("{\"reason\": \"Customer\\u0000moved\"}")]
    [InlineData("{\"reason\": 42}")]
    [InlineData("{\"reason\": ")]
    [InlineData("null")]
    public async Task Malformed_cancels_are_400_and_change_nothing(string body)
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var shipment = await Api.ShipAsync(customer);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/shipments/{shipment.ShipmentId}/cancel")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);

        await ProblemAssert.IsProblemAsync(await Api.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_5_MB_cancel_body_is_a_413_problem_and_changes_nothing()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        var shipment = await Api.ShipAsync(customer);
        var bytes = Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('x', 5 * 1024 * 1024) + "\"}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/shipments/{shipment.ShipmentId}/cancel") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        request.Headers.ExpectContinue = true;
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = shipping.Host.BaseAddress };

        await ProblemAssert.IsProblemAsync(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task A_cancel_racing_the_sweep_for_a_queued_shipment_ends_cancelled_with_no_live_label()
    {
        var customer = shipping.NewUser();
        var admin = shipping.NewUser(customer.TenantId, "admin");
        shipping.Carrier.Down = true;
        var shipment = await Api.ShipAsync(customer);
        shipping.CarrierBack();
        shipping.Advance(TimeSpan.FromMinutes(1));
        var gate = new TaskCompletionSource();

        var racers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            if (i % 2 == 0) await Api.SweepAsync();
            else (await CancelAsync(admin, shipment.ShipmentId)).Dispose();
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(racers);

        var after = await ShippingApi.OkAsync<ShipmentResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/{shipment.ShipmentId}", admin.Token));
        Assert.Equal(ShipmentStatuses.Cancelled, after.Status);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCancelled), shipment.OrderId));
        // Either the cancel came first (no label was bought) or the sweep did (its label was voided before the cancel).
        if (after.TrackingNumber is { } tracking) Assert.True(shipping.Carrier.Find(tracking)!.Value.Voided);
        else Assert.False(shipping.Carrier.Sold(Dispatch.LabelPurchase.CarrierKey(customer.TenantId, shipment.OrderId)));
    }
}
