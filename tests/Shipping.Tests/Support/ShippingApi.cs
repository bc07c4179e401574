using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Webhooks;

namespace DaprShop.Shipping.Tests.Support;

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

/// <summary>shipping's APIs as clients call them: customers and staff straight to the app, ordering through its sidecar.</summary>
public sealed class ShippingApi(ShippingService service)
{
    static readonly HttpClient ViaSidecar = new();

    public HttpClient Http => service.Host.Client;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Http.SendAsync(request);
    }

    // ---- ordering's service routes, through the ordering sidecar ---------------------------------------------------

    public Task<HttpResponseMessage> InternalAsync(HttpMethod method, string path, Guid? tenant, HttpContent? content = null, bool asIntruder = false)
    {
        var sidecar = asIntruder ? service.Intruder : service.Ordering;
        var request = new HttpRequestMessage(method, $"{sidecar.HttpEndpoint}/v1.0/invoke/{ShippingService.AppId}/method{path}") { Content = content };
        if (tenant is { } t) request.Headers.Add("X-Tenant-ID", t.ToString());
        return ViaSidecar.SendAsync(request);
    }

    public static RequestShipmentRequest NewRequest(TestUser customer, Guid? orderId = null, string? level = null, int quantity = 2) =>
        new(orderId ?? Guid.CreateVersion7(), "DS-2026-000042", customer.UserId, Guid.CreateVersion7(), level,
            [new ShipmentLineRequest(Guid.CreateVersion7(), quantity), new ShipmentLineRequest(Guid.CreateVersion7(), 1)]);

    public Task<HttpResponseMessage> RequestAsync(Guid tenant, RequestShipmentRequest request, bool asIntruder = false) =>
        InternalAsync(HttpMethod.Post, ShippingRoutes.RequestShipment, tenant, JsonContent.Create(request), asIntruder);

    public Task<HttpResponseMessage> GetInternalAsync(Guid tenant, Guid orderId) => InternalAsync(HttpMethod.Get, ShippingRoutes.Shipment(orderId), tenant);

    /// <summary>A new shipment for <paramref name="customer"/> (201), as ordering requests it.</summary>
    public async Task<ShipmentResponse> ShipAsync(TestUser customer, string? level = null) =>
        await OkAsync<ShipmentResponse>(await RequestAsync(customer.TenantId, NewRequest(customer, level: level)), HttpStatusCode.Created);

    public async Task<ShipmentResponse> OwnAsync(TestUser customer, Guid shipmentId) =>
        await OkAsync<ShipmentResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/shipments/me/{shipmentId}", customer.Token));

    // ---- the dispatch sweep, as the cron binding fires it ----------------------------------------------------------

    public async Task<int?> SweepAsync() =>
        await service.Host.Cluster.Bindings.FireAsync("shipment-dispatch", ShippingService.AppId, TestContext.Current.CancellationToken);

    // ---- webhooks, through shipping's own sidecar as the carrier sends them ----------------------------------------

    public Task<HttpResponseMessage> WebhookAsync(string body, string? signature, bool direct = false)
    {
        var url = direct
            ? new Uri(service.Host.BaseAddress, "webhooks/carrier")
            : new Uri($"{service.Host.Sidecar.HttpEndpoint}/v1.0/invoke/{ShippingService.AppId}/method/webhooks/carrier");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Carrier-Signature", signature);
        return ViaSidecar.SendAsync(request);
    }

    public string Sign(string body, DateTimeOffset at, string? secret = null) =>
        WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(secret ?? service.WebhookSecret));

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (response.StatusCode != expected)
                Assert.Fail($"expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}, " +
                            $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }
    }
}
