using System.Net.Http.Json;
using DaprShop.Cart.Domain;
using DaprShop.Contracts.Catalog;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Cart.Pricing;

/// <summary>
/// Catalog's product lookup through Dapr service invocation (its service route, for the tenant named in X-Tenant-ID),
/// under the resiliency policy of the catalog target: the current price and status of the products a cart holds.
/// </summary>
internal sealed class CatalogClient(IHttpClientFactory http)
{
    public const string AppId = "catalog";
    public const string Route = "/internal/v1/products/lookup";

    /// <summary>The products catalog has, by id; an id missing from the answer is not the tenant's (or no product at all).</summary>
    public async Task<IReadOnlyDictionary<Guid, ProductOffer>> LookupAsync(Guid tenantId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var offers = new Dictionary<Guid, ProductOffer>();
        foreach (var chunk in ids.Distinct().Chunk(ProductLookupRequest.MaxIds))
        {
            var answer = await PostAsync(tenantId, new ProductLookupRequest([.. chunk]), ct);
            foreach (var p in answer.Items)
                offers[p.Id] = new ProductOffer(p.Id, p.Sku, p.Name, p.Price.Amount, p.Price.Currency, p.Status == ProductLookupItem.Active);
        }
        return offers;
    }

    async Task<ProductLookupResponse> PostAsync(Guid tenantId, ProductLookupRequest body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = JsonContent.Create(body) }.ForTenant(tenantId);
        try
        {
            using var response = await http.CreateClient(AppId).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new DependencyUnavailableException(AppId, $"lookup answered {(int)response.StatusCode}");
            return await response.Content.ReadFromJsonAsync<ProductLookupResponse>(ct)
                ?? throw new DependencyUnavailableException(AppId, "empty lookup answer");
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(AppId, e.Message, e);
        }
    }
}
