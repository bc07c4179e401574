using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DaprShop.Ordering.Tests.Support;

public sealed record OrderView(Guid Id, string Number, Guid CustomerId, string Status, string? StatusReason, MoneyView? Total,
    List<OrderLineView> Lines, List<HistoryView>? History);

public sealed record MoneyView(decimal Amount, string Currency);

public sealed record OrderLineView(Guid ProductId, int Quantity, string? Sku, MoneyView? UnitPrice);

public sealed record HistoryView(string? From, string To, string Cause, string? Reason, DateTimeOffset At);

public sealed record PageView(List<OrderView> Items, int Page, int PageSize, long Total);

/// <summary>ordering's public API as a client calls it (straight to the app; the gateway adds nothing the tests need here).</summary>
public sealed class OrdersClient(OrderingService service)
{
    HttpClient Http => service.Host.Client;

    public static object Body(Buyer buyer, params (Guid ProductId, int Quantity)[] lines) => new
    {
        lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }),
        shippingAddressId = buyer.ShippingAddressId,
        billingAddressId = buyer.BillingAddressId,
        paymentMethodToken = buyer.PaymentToken,
    };

    public Task<HttpResponseMessage> PlaceAsync(string token, object body, string? key = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/orders", token, body, key ?? Guid.NewGuid().ToString());

    public async Task<OrderView> PlaceOkAsync(Buyer buyer, params (Guid, int)[] lines)
    {
        using var response = await PlaceAsync(buyer.Token, Body(buyer, lines));
        return await OkAsync<OrderView>(response, HttpStatusCode.Created);
    }

    public Task<HttpResponseMessage> GetAsync(string token, Guid id) => SendAsync(HttpMethod.Get, $"/api/v1/orders/{id}", token);

    public async Task<OrderView> GetOkAsync(string token, Guid id) => await OkAsync<OrderView>(await GetAsync(token, id));

    public Task<HttpResponseMessage> ListAsync(string token, string query = "") => SendAsync(HttpMethod.Get, $"/api/v1/orders{query}", token);

    public Task<HttpResponseMessage> CancelAsync(string token, Guid id, object? body = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/orders/{id}/cancel", token, body);

    /// <summary>Waits until the order reaches <paramref name="status"/> (the saga runs after the 201).</summary>
    public async Task<OrderView> UntilStatusAsync(string token, Guid id, string status)
    {
        OrderView? last = null;
        await Eventually.TrueAsync(async () => (last = await GetOkAsync(token, id)).Status == status,
            $"order {id} reached {status}", TimeSpan.FromSeconds(30));
        return last!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        // A large body: wait for the app's go-ahead (it refuses by size before reading, and closes the connection).
        if (body is string { Length: > 1024 * 1024 }) request.Headers.ExpectContinue = true;
        return await Http.SendAsync(request);
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, JsonSerializerOptions.Web)!;
    }
}
