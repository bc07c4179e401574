using System.Net.Http.Json;
using DaprShop.Contracts.Inventory;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Cart.Pricing;

/// <summary>Inventory's availability route through Dapr service invocation, for the tenant named in X-Tenant-ID.</summary>
internal sealed class InventoryClient(IHttpClientFactory http)
{
    public const string AppId = "inventory";
    public const string Route = "/internal/v1/stock/availability";

    /// <summary>What can be sold now, by SKU (a SKU inventory does not stock is 0).</summary>
    public async Task<IReadOnlyDictionary<string, long>> AvailableAsync(Guid tenantId, IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (skus.Count == 0) return result;
        using var request = new HttpRequestMessage(HttpMethod.Post, Route)
        {
            Content = JsonContent.Create(new StockAvailabilityRequest([.. skus.Distinct(StringComparer.Ordinal)])),
        }.ForTenant(tenantId);
        try
        {
            using var response = await http.CreateClient(AppId).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new DependencyUnavailableException(AppId, $"availability answered {(int)response.StatusCode}");
            var answer = await response.Content.ReadFromJsonAsync<StockAvailabilityResponse>(ct)
                ?? throw new DependencyUnavailableException(AppId, "empty availability answer");
            foreach (var item in answer.Items) result[item.Sku] = item.Available;
            return result;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(AppId, e.Message, e);
        }
    }
}
