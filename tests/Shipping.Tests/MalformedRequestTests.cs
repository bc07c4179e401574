using System.Net;
using System.Text;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Shipping.Tests;

/// <summary>Whatever ordering (or anyone through its sidecar) sends, the answer is a 4xx problem+json — never a 500 — and nothing is written.</summary>
public sealed class MalformedRequestTests(ShippingService shipping) : IClassFixture<ShippingService>
{
    ShippingApi Api => shipping.Api;

    async Task<long> ShipmentsAsync() => await shipping.Database.ScalarAsync<long>("select count(*) from shipments");

    [Theory]
    [InlineData("{\"orderId\": ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"serviceLevel\":\"overnight\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"serviceLevel\":\"Express\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"serviceLevel\":7,\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"orderNumber\":\"DS\\u0000-1\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"serviceLevel\":\"express\\u0000\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[{\"productId\":\"%P\",\"quantity\":0}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1e30}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[{\"productId\":\"%P\",\"quantity\":\"two\"}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[null]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\"}")]
    [InlineData("{\"orderId\":\"not-a-guid\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"00000000-0000-0000-0000-000000000000\",\"customerId\":\"%C\",\"shippingAddressId\":\"%A\",\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    [InlineData("{\"orderId\":\"%O\",\"customerId\":\"%C\",\"shippingAddressId\":null,\"lines\":[{\"productId\":\"%P\",\"quantity\":1}]}")]
    public async Task Malformed_shipment_requests_are_400_problems_and_write_nothing(string template)
    {
        var customer = shipping.NewUser();
        var body = template.Replace("%O", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
            .Replace("%C", customer.UserId.ToString(), StringComparison.Ordinal)
            .Replace("%A", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
            .Replace("%P", Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
        var before = await ShipmentsAsync();

        var response = await Api.InternalAsync(HttpMethod.Post, ShippingRoutes.RequestShipment, customer.TenantId,
            new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await ShipmentsAsync());
    }

    [Fact]
    public async Task A_request_of_more_than_a_hundred_lines_is_400()
    {
        var customer = shipping.NewUser();
        var request = ShippingApi.NewRequest(customer) with
        {
            Lines = [.. Enumerable.Range(0, 101).Select(_ => new ShipmentLineRequest(Guid.CreateVersion7(), 1))],
        };

        await ProblemAssert.IsProblemAsync(await Api.RequestAsync(customer.TenantId, request), HttpStatusCode.BadRequest);
        Assert.Equal(0, await shipping.CountShipmentsAsync(request.OrderId));
    }

    [Fact]
    public async Task A_5_MB_shipment_request_is_refused_with_a_4xx_and_writes_nothing()
    {
        var customer = shipping.NewUser();
        var before = await ShipmentsAsync();
        var body = "{\"orderId\":\"" + Guid.CreateVersion7() + "\",\"customerId\":\"" + customer.UserId + "\",\"shippingAddressId\":\"" +
                   Guid.CreateVersion7() + "\",\"orderNumber\":\"" + new string('x', 5 * 1024 * 1024) + "\",\"lines\":[]}";

        var response = await Api.InternalAsync(HttpMethod.Post, ShippingRoutes.RequestShipment, customer.TenantId,
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await ShipmentsAsync());
    }

    [Fact]
    public async Task A_5_MB_webhook_is_refused_with_413()
    {
        var body = "{\"id\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";

        var response = await Api.WebhookAsync(body, Api.Sign(body, shipping.Now));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/shipments/me/not-a-guid")]
    [InlineData("/api/v1/shipments/me?pageSize=abc")]
    [InlineData("/api/v1/shipments/me?page=-1")]
    public async Task Bad_customer_queries_are_4xx(string path)
    {
        var customer = shipping.NewUser();

        var response = await Api.SendAsync(HttpMethod.Get, path, customer.Token);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    /// <summary>The simulator's door is the carrier's API, not ours, but it too answers bad input with a 4xx and sells nothing.</summary>
    [Theory]
    [InlineData("POST", "/carrier-simulator/v1/labels", "{\"serviceLevel\":", "key-1")]
    [InlineData("POST", "/carrier-simulator/v1/labels", "{\"serviceLevel\":\"standard\",\"items\":2}", null)]
    [InlineData("POST", "/carrier-simulator/v1/labels", "{\"serviceLevel\":\"standard\",\"items\":0}", "key-2")]
    [InlineData("POST", "/carrier-simulator/v1/labels", "{\"serviceLevel\":\"standard\",\"items\":1e30}", "key-3")]
    [InlineData("POST", "/carrier-simulator/v1/labels", "null", "key-4")]
    [InlineData("GET", "/carrier-simulator/v1/rates?items=many", null, null)]
    public async Task Bad_calls_to_the_carrier_simulator_are_4xx_and_sell_nothing(string method, string path, string? body, string? key)
    {
        var labels = shipping.Carrier.LabelCount;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Add("Idempotency-Key", key);

        using var response = await Api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(labels, shipping.Carrier.LabelCount);
    }
}
