using System.Net;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>Every route answers only the caller's tenant (and a customer only their own): anyone else's id is 404, never 403 or 200.</summary>
public sealed class TenantIsolationTests(ShippingService shipping) : IClassFixture<ShippingService>
{
    ShippingApi Api => shipping.Api;

    [Fact]
    public async Task Another_tenants_shipment_is_404_on_every_route_and_never_listed()
    {
        var owner = shipping.NewUser();
        var shipment = await Api.ShipAsync(owner);
        var stranger = shipping.NewUser();
        var strangerAdmin = shipping.NewUser(stranger.TenantId, "admin");
        await Api.ShipAsync(stranger);

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/me/{shipment.ShipmentId}", stranger.Token), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/{shipment.ShipmentId}", strangerAdmin.Token),
            HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await Api.SendAsync(HttpMethod.Post, $"/api/v1/shipments/{shipment.ShipmentId}/cancel", strangerAdmin.Token, new { reason = "mine now" }),
            HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.GetInternalAsync(stranger.TenantId, shipment.OrderId), HttpStatusCode.NotFound);

        var listed = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments?pageSize=100", strangerAdmin.Token));
        Assert.DoesNotContain(listed.Items, s => s.ShipmentId == shipment.ShipmentId);
        var own = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments/me", stranger.Token));
        Assert.DoesNotContain(own.Items, s => s.ShipmentId == shipment.ShipmentId);
        var filtered = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments?orderId={shipment.OrderId}", strangerAdmin.Token));
        Assert.Empty(filtered.Items);

        Assert.Equal(ShipmentStatuses.LabelPurchased, await shipping.StatusOfAsync(shipment.OrderId));
    }

    [Fact]
    public async Task Another_customer_of_the_same_tenant_does_not_see_the_shipment()
    {
        var owner = shipping.NewUser();
        var shipment = await Api.ShipAsync(owner);
        var neighbour = shipping.NewUser(owner.TenantId);

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/shipments/me/{shipment.ShipmentId}", neighbour.Token),
            HttpStatusCode.NotFound);
        var own = await ShippingApi.OkAsync<PageView<ShipmentResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/shipments/me", neighbour.Token));
        Assert.Empty(own.Items);
    }

    [Fact]
    public async Task The_same_order_id_in_two_tenants_is_two_shipments()
    {
        var a = shipping.NewUser();
        var b = shipping.NewUser();
        var request = ShippingApi.NewRequest(a);

        var first = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(a.TenantId, request), HttpStatusCode.Created);
        var second = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(b.TenantId, request with { CustomerId = b.UserId }),
            HttpStatusCode.Created);

        Assert.NotEqual(first.ShipmentId, second.ShipmentId);
        Assert.NotEqual(first.TrackingNumber, second.TrackingNumber);
        Assert.Equal(2, await shipping.CountShipmentsAsync(request.OrderId));
    }

    [Fact]
    public async Task A_token_for_another_tenant_than_the_X_Tenant_ID_header_is_refused()
    {
        var owner = shipping.NewUser();
        await Api.ShipAsync(owner);
        var stranger = shipping.NewUser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/shipments/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", stranger.Token);
        request.Headers.Add("X-Tenant-ID", owner.TenantId.ToString());

        var response = await Api.Http.SendAsync(request);

        Assert.True((int)response.StatusCode is 400 or 403, $"got {(int)response.StatusCode}");
    }
}
