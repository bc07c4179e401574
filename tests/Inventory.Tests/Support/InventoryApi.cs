using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Inventory.Tests.Support;

public sealed record StockView(string Sku, long OnHand, long Reserved, long Available, long LowStockThreshold, bool Low, DateTimeOffset UpdatedAt);

public sealed record MovementView(Guid Id, string Sku, string Kind, long OnHandDelta, long ReservedDelta, long OnHandBefore, long OnHandAfter,
    long ReservedBefore, long ReservedAfter, string Reason, string Actor, Guid? OrderId, Guid? AdjustmentId, DateTimeOffset OccurredAt);

public sealed record AdjustmentView(MovementView Movement, StockView Stock);

public sealed record LineView(string Sku, int Quantity);

public sealed record ReservationView(Guid OrderId, string Status, LineView[] Lines, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset UpdatedAt);

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

public sealed record AvailabilityView(SkuAvailabilityView[] Items);

public sealed record SkuAvailabilityView(string Sku, long Available);

/// <summary>
/// inventory's HTTP API as its clients use it: admins straight to the app (as the gateway forwards), services through
/// their own sidecar's invocation API (as ordering and cart will).
/// </summary>
public sealed class InventoryApi(InventoryService service)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // At most 16 calls in flight: a thousand fired at once queue here, not in the sidecar, whose 5 s invocation timeout
    // (components/common/resiliency.yaml) a shared two-core machine would otherwise exceed. 16 transactions on one row
    // is contention enough.
    static readonly HttpClient Shared = new(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { Timeout = TimeSpan.FromMinutes(5) };

    HttpClient App => service.Host.Client;

    // ---- admin routes (a user token) ----

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        // A large body: wait for the app's go-ahead (it refuses by size before reading, and closes the connection).
        if (body is string { Length: > 1024 * 1024 }) request.Headers.ExpectContinue = true;
        return App.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> AdjustAsync(string token, string sku, string kind, object body) =>
        SendAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{kind}", token, body);

    public async Task ReceiveAsync(Guid tenantId, string sku, long quantity)
    {
        var response = await AdjustAsync(service.AdminToken(tenantId), sku, "receive", new { quantity, reason = "test stock" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public async Task<StockView?> StockAsync(Guid tenantId, string sku)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/v1/stock/{sku}", service.AdminToken(tenantId));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<StockView>(Ct) : null;
    }

    // ---- service routes (through a caller's sidecar) ----

    public async Task<HttpResponseMessage> InvokeAsync(AppSidecar caller, HttpMethod method, string path, Guid? tenantId, object? body = null)
    {
        using var request = new HttpRequestMessage(method, $"{caller.HttpEndpoint}/v1.0/invoke/{InventoryService.AppId}/method{path}");
        if (tenantId is { } t) request.ForTenant(t);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        if (body is string { Length: > 1024 * 1024 }) request.Headers.ExpectContinue = true;
        var response = await Shared.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    public Task<HttpResponseMessage> ReserveAsync(Guid tenantId, Guid orderId, params (string Sku, int Quantity)[] lines) =>
        InvokeAsync(service.Ordering, HttpMethod.Post, "/internal/v1/reservations", tenantId,
            new { orderId, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }) });

    public Task<HttpResponseMessage> ReleaseAsync(Guid tenantId, Guid orderId) =>
        InvokeAsync(service.Ordering, HttpMethod.Post, $"/internal/v1/reservations/{orderId}/release", tenantId);

    public Task<HttpResponseMessage> CommitAsync(Guid tenantId, Guid orderId) =>
        InvokeAsync(service.Ordering, HttpMethod.Post, $"/internal/v1/reservations/{orderId}/commit", tenantId);

    public Task<HttpResponseMessage> ReturnAsync(Guid tenantId, Guid orderId, AppSidecar? caller = null) =>
        InvokeAsync(caller ?? service.Ordering, HttpMethod.Post, $"/internal/v1/reservations/{orderId}/return", tenantId);

    public Task<HttpResponseMessage> GetReservationAsync(Guid tenantId, Guid orderId) =>
        InvokeAsync(service.Ordering, HttpMethod.Get, $"/internal/v1/reservations/{orderId}", tenantId);

    public Task<HttpResponseMessage> AvailabilityAsync(AppSidecar caller, Guid tenantId, params string[] skus) =>
        InvokeAsync(caller, HttpMethod.Post, "/internal/v1/stock/availability", tenantId, new { skus });

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }
}
