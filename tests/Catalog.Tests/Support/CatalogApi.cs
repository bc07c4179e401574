using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DaprShop.Testing.Auth;

namespace DaprShop.Catalog.Tests.Support;

public sealed record MoneyView(decimal Amount, string Currency);

public sealed record RatingView(decimal Average, int Count);

public sealed record ProductView(Guid Id, string Sku, string Slug, string Name, string Description, string Brand, string CategoryPath,
    MoneyView Price, Dictionary<string, string> Attributes, string[] Images, string Status, RatingView Rating,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record SummaryView(Guid Id, string Sku, string Slug, string Name, string Brand, string CategoryPath, MoneyView Price,
    string Status, RatingView Rating, string? Image, DateTimeOffset CreatedAt);

public sealed record FacetView(string Value, long Count);

public sealed record FacetsView(FacetView[] Categories, FacetView[] Brands);

public sealed record SearchView(SummaryView[] Items, int Page, int PageSize, long Total, FacetsView Facets);

public sealed record LookupItemView(Guid Id, string Sku, string Name, MoneyView Price, string Status);

public sealed record LookupView(LookupItemView[] Items, Guid[] Missing);

/// <summary>A tenant made up for one test, with tokens for its admin and a customer.</summary>
public sealed record TestTenant(Guid Id, string AdminToken, string CustomerToken);

/// <summary>Catalog's HTTP API as a client uses it; every call goes over the wire to the real service.</summary>
public sealed class CatalogApi(HttpClient http, TestTokenIssuer tokens)
{
    public HttpClient Http => http;

    public TestTenant NewTenant()
    {
        var id = Guid.CreateVersion7();
        return new TestTenant(id, tokens.Token(id, "admin"), tokens.Token(id, "customer"));
    }

    public Task<HttpResponseMessage> CreateAsync(string token, object body) => SendAsync(HttpMethod.Post, "/api/v1/products", token, body);

    public Task<HttpResponseMessage> GetAsync(string token, Guid id) => SendAsync(HttpMethod.Get, $"/api/v1/products/{id}", token);

    public Task<HttpResponseMessage> GetBySlugAsync(string token, string slug) =>
        SendAsync(HttpMethod.Get, $"/api/v1/products/by-slug/{Uri.EscapeDataString(slug)}", token);

    public Task<HttpResponseMessage> UpdateAsync(string token, Guid id, object body, string? ifMatch) =>
        SendAsync(HttpMethod.Put, $"/api/v1/products/{id}", token, body, ifMatch);

    public Task<HttpResponseMessage> DeleteAsync(string token, Guid id, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/products/{id}", token, ifMatch: ifMatch);

    public Task<HttpResponseMessage> SearchAsync(string token, string query = "") => SendAsync(HttpMethod.Get, "/api/v1/products" + query, token);

    public Task<HttpResponseMessage> LookupAsync(string token, object body) => SendAsync(HttpMethod.Post, "/api/v1/products/lookup", token, body);

    public async Task<ProductView> CreateOkAsync(string token, object body) => await OkAsync<ProductView>(await CreateAsync(token, body), HttpStatusCode.Created);

    public async Task<ProductView> GetOkAsync(string token, Guid id) => await OkAsync<ProductView>(await GetAsync(token, id));

    public async Task<SearchView> SearchOkAsync(string token, string query = "") => await OkAsync<SearchView>(await SearchAsync(token, query));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? ifMatch = null,
        Guid? tenantHeader = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (tenantHeader is { } t) request.Headers.Add("X-Tenant-ID", t.ToString());
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
        return http.SendAsync(request);
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (response.StatusCode != expected)
                Assert.Fail($"expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}, " +
                            $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }
    }
}
