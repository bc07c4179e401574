using System.Net.Http.Json;
using System.Text.Json;

namespace DaprShop.Cart.Tests.Support;

/// <summary>The cart API as a customer (own cart, token) or a guest (X-Tenant-ID, guest cart id) calls it.</summary>
public sealed class CartClient(HttpClient http, Guid tenantId, Guid? userId) : IDisposable
{
    public HttpClient Http { get; } = http;
    public Guid TenantId { get; } = tenantId;
    public Guid? UserId { get; } = userId;

    /// <summary>Set after <see cref="CreateGuestCartAsync"/>; sent in X-Guest-Cart-ID on guest routes.</summary>
    public string? GuestCartId { get; set; }

    string Root => GuestCartId is null ? "/api/v1/cart" : "/api/v1/cart/guest";

    public async Task<string> CreateGuestCartAsync()
    {
        using var response = await Http.PostAsync("/api/v1/cart/guest", null);
        response.EnsureSuccessStatusCode();
        GuestCartId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guestCartId").GetString();
        return GuestCartId!;
    }

    public Task<HttpResponseMessage> ViewAsync(string query = "") => SendAsync(HttpMethod.Get, Root + "/" + query, null, null);

    public Task<HttpResponseMessage> AddAsync(Guid productId, int quantity, string? key = null) =>
        SendAsync(HttpMethod.Post, Root + "/items", new { productId, quantity }, key ?? NewKey());

    public Task<HttpResponseMessage> SetQuantityAsync(Guid productId, int quantity, string? key = null) => GuestCartId is null
        ? SendAsync(HttpMethod.Put, $"{Root}/items/{productId}", new { quantity }, key ?? NewKey())
        : SendAsync(HttpMethod.Put, $"{Root}/items", new { productId, quantity }, key ?? NewKey());

    public Task<HttpResponseMessage> RemoveAsync(Guid productId, string? key = null) => GuestCartId is null
        ? SendAsync(HttpMethod.Delete, $"{Root}/items/{productId}", null, key ?? NewKey())
        : SendAsync(HttpMethod.Delete, $"{Root}/items?productId={productId}", null, key ?? NewKey());

    public Task<HttpResponseMessage> ClearAsync(string? key = null) => SendAsync(HttpMethod.Delete, Root + "/", null, key ?? NewKey());

    public Task<HttpResponseMessage> MergeAsync(string guestCartId, string? key = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/cart/merge", new { guestCartId }, key ?? NewKey());

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (GuestCartId is not null && path.StartsWith("/api/v1/cart/guest", StringComparison.Ordinal))
            request.Headers.TryAddWithoutValidation("X-Guest-Cart-ID", GuestCartId);
        return Http.SendAsync(request);
    }

    /// <summary>The cart's lines as productId → quantity (asserts the view succeeded).</summary>
    public async Task<Dictionary<Guid, int>> QuantitiesAsync()
    {
        using var response = await ViewAsync();
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"view: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("productId").GetGuid(), l => l.GetProperty("quantity").GetInt32());
    }

    public static string NewKey() => Guid.NewGuid().ToString();

    public void Dispose() => Http.Dispose();
}
