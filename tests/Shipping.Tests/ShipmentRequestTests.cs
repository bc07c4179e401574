using System.Net;
using System.Net.Http.Json;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>ordering's "request shipment": one shipment and one label per order, however often and however concurrently it asks.</summary>
public sealed class ShipmentRequestTests(ShippingService shipping) : IClassFixture<ShippingService>
{
    ShippingApi Api => shipping.Api;

    [Fact]
    public async Task A_request_creates_the_shipment_buys_its_label_and_announces_it()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer, level: ServiceLevels.Express, quantity: 3);

        var response = await Api.RequestAsync(customer.TenantId, request);

        Assert.Equal($"/internal/v1/shipments/{request.OrderId}", response.Headers.Location?.OriginalString);
        var shipment = await ShippingApi.OkAsync<ShipmentResponse>(response, HttpStatusCode.Created);
        Assert.Equal((request.OrderId, customer.UserId, request.ShippingAddressId), (shipment.OrderId, shipment.CustomerId, shipment.ShippingAddressId));
        Assert.Equal((ShipmentStatuses.LabelPurchased, ServiceLevels.Express, "simulator"), (shipment.Status, shipment.ServiceLevel, shipment.Carrier));
        Assert.Matches("^SIM[0-9A-F]{16}$", shipment.TrackingNumber);
        Assert.EndsWith(shipment.TrackingNumber!, shipment.TrackingUrl, StringComparison.Ordinal);
        Assert.Equal(9.90m + 4 * 1.00m, shipment.Rate!.Amount);
        Assert.Equal(request.Lines!.OrderBy(l => l.ProductId), shipment.Lines.OrderBy(l => l.ProductId));
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCreated), request.OrderId));

        var read = await ShippingApi.OkAsync<ShipmentResponse>(await Api.GetInternalAsync(customer.TenantId, request.OrderId));
        Assert.Equal([ShipmentStatuses.Requested, ShipmentStatuses.LabelPurchased], read.History!.Select(h => h.Status));
        Assert.Equal(["ordering", "dispatch"], read.History!.Select(h => h.Source));
    }

    [Fact]
    public async Task The_same_order_again_answers_the_same_shipment_with_200_and_buys_nothing()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer);
        var first = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request), HttpStatusCode.Created);
        var labels = shipping.Carrier.LabelCount;

        var again = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request));

        Assert.Equal((first.ShipmentId, first.TrackingNumber), (again.ShipmentId, again.TrackingNumber));
        Assert.Equal(labels, shipping.Carrier.LabelCount);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCreated), request.OrderId));
    }

    [Fact]
    public async Task The_same_order_with_other_lines_or_another_address_is_422_and_changes_nothing()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer);
        var first = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request), HttpStatusCode.Created);

        await ProblemAssert.IsProblemAsync(await Api.RequestAsync(customer.TenantId, request with { Lines = [new ShipmentLineRequest(Guid.CreateVersion7(), 1)] }),
            HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await Api.RequestAsync(customer.TenantId, request with { ShippingAddressId = Guid.CreateVersion7() }),
            HttpStatusCode.UnprocessableEntity);
        await ProblemAssert.IsProblemAsync(await Api.RequestAsync(customer.TenantId, request with { ServiceLevel = ServiceLevels.Express }),
            HttpStatusCode.UnprocessableEntity);

        var read = await ShippingApi.OkAsync<ShipmentResponse>(await Api.GetInternalAsync(customer.TenantId, request.OrderId));
        Assert.Equal((first.ShipmentId, first.Lines.Count), (read.ShipmentId, read.Lines.Count));
    }

    [Fact]
    public async Task Lines_of_one_product_given_twice_are_the_same_request_as_given_once()
    {
        var customer = shipping.NewUser();
        var product = Guid.CreateVersion7();
        var request = ShippingApi.NewRequest(customer) with { Lines = [new ShipmentLineRequest(product, 1), new ShipmentLineRequest(product, 2)] };
        await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request), HttpStatusCode.Created);

        var again = await ShippingApi.OkAsync<ShipmentResponse>(await Api.RequestAsync(customer.TenantId, request with { Lines = [new ShipmentLineRequest(product, 3)] }));

        Assert.Equal([new ShipmentLineRequest(product, 3)], again.Lines);
    }

    [Fact]
    public async Task Twelve_identical_requests_at_once_make_one_shipment_one_label_and_one_event()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer);
        var labels = shipping.Carrier.LabelCount;
        var gate = new TaskCompletionSource();

        var calls = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await Api.RequestAsync(customer.TenantId, request);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<ShipmentResponse>());
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Single(answers.Select(a => a.Body!.ShipmentId).Distinct());
        Assert.All(answers, a => Assert.Equal(ShipmentStatuses.LabelPurchased, a.Body!.Status));
        Assert.Single(answers.Select(a => a.Body!.TrackingNumber).Distinct());
        Assert.Equal(1, await shipping.CountShipmentsAsync(request.OrderId));
        Assert.Equal(labels + 1, shipping.Carrier.LabelCount);
        Assert.Equal(1, await shipping.CountEventsAsync(nameof(ShipmentCreated), request.OrderId));
    }

    [Fact]
    public async Task Another_app_than_ordering_is_403_and_writes_nothing()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer);

        await ProblemAssert.IsProblemAsync(await Api.RequestAsync(customer.TenantId, request, asIntruder: true), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await Api.InternalAsync(HttpMethod.Get, ShippingRoutes.Shipment(request.OrderId), customer.TenantId, asIntruder: true),
            HttpStatusCode.Forbidden);
        Assert.Equal(0, await shipping.CountShipmentsAsync(request.OrderId));
    }

    [Fact]
    public async Task The_service_route_called_straight_and_not_through_the_sidecar_is_401()
    {
        var customer = shipping.NewUser();
        var request = new HttpRequestMessage(HttpMethod.Post, ShippingRoutes.RequestShipment) { Content = JsonContent.Create(ShippingApi.NewRequest(customer)) };
        request.Headers.Add("X-Tenant-ID", customer.TenantId.ToString());
        request.Headers.Add("dapr-caller-app-id", "ordering");

        await ProblemAssert.IsProblemAsync(await Api.Http.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_tenant_the_service_route_is_400()
    {
        var customer = shipping.NewUser();

        await ProblemAssert.IsProblemAsync(
            await Api.InternalAsync(HttpMethod.Post, ShippingRoutes.RequestShipment, null, JsonContent.Create(ShippingApi.NewRequest(customer))),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_order_without_a_shipment_is_404()
    {
        var customer = shipping.NewUser();

        await ProblemAssert.IsProblemAsync(await Api.GetInternalAsync(customer.TenantId, Guid.CreateVersion7()), HttpStatusCode.NotFound);
    }
}
