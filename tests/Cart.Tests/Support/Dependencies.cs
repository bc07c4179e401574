using System.Collections.Concurrent;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Hosting;

namespace DaprShop.Cart.Tests.Support;

/// <summary>
/// Catalog and inventory as cart sees them, on the test cluster under their real app ids: catalog's
/// <c>POST /internal/v1/products/lookup</c> and inventory's <c>POST /internal/v1/stock/availability</c>, answering the
/// shared contracts from tables the test sets, per tenant (X-Tenant-ID). They refuse a caller other than cart, as the
/// real routes' <c>RequireServiceCaller</c> does, so a call that did not come through Dapr invocation from cart fails.
/// </summary>
public sealed class Dependencies : IAsyncDisposable
{
    readonly ConcurrentDictionary<(Guid Tenant, Guid Id), ProductLookupItem> _products = new();
    readonly ConcurrentDictionary<(Guid Tenant, string Sku), long> _stock = new();
    SampleApp? _catalog;
    SampleApp? _inventory;

    /// <summary>While set, catalog answers 503 (a dependency down).</summary>
    public bool CatalogDown { get; set; }

    public int CatalogCalls;

    public static async Task<Dependencies> StartAsync(LocalDaprCluster cluster)
    {
        var d = new Dependencies();
        await d.AttachAsync(cluster);
        return d;
    }

    /// <summary>Starts the stand-ins beside <paramref name="cluster"/>, keeping the products and stock they knew (a cluster restart).</summary>
    public async Task AttachAsync(LocalDaprCluster cluster)
    {
        await DisposeAsync();
        var d = this;
        d._catalog = await SampleApp.StartAsync(cluster, "catalog", endpoints: web =>
            web.MapPost("/internal/v1/products/lookup", (HttpRequest http, ProductLookupRequest request) =>
            {
                Interlocked.Increment(ref d.CatalogCalls);
                if (CallerOf(http) is not { } tenant) return Results.StatusCode(403);
                if (d.CatalogDown) return Results.StatusCode(503);
                var ids = request.Ids!.Distinct().ToList();
                return Results.Json(new ProductLookupResponse(
                    [.. ids.Where(id => d._products.ContainsKey((tenant, id))).Select(id => d._products[(tenant, id)])],
                    [.. ids.Where(id => !d._products.ContainsKey((tenant, id)))]));
            }));
        d._inventory = await SampleApp.StartAsync(cluster, "inventory", endpoints: web =>
            web.MapPost("/internal/v1/stock/availability", (HttpRequest http, StockAvailabilityRequest request) =>
                CallerOf(http) is not { } tenant
                    ? Results.StatusCode(403)
                    : Results.Json(new StockAvailabilityResponse([.. request.Skus.Select(s => new SkuAvailability(s, d._stock.GetValueOrDefault((tenant, s))))]))));
    }

    static Guid? CallerOf(HttpRequest http) =>
        http.Headers["dapr-caller-app-id"].ToString() == "cart" && Guid.TryParse(http.Headers["X-Tenant-ID"].ToString(), out var t) ? t : null;

    /// <summary>An active product of the tenant with <paramref name="stock"/> units available.</summary>
    public Guid Product(Guid tenantId, decimal price, string currency = "EUR", long stock = 1000, string status = "active")
    {
        var id = Guid.CreateVersion7();
        var sku = "SKU-" + id.ToString("N")[..12];
        _products[(tenantId, id)] = new ProductLookupItem(id, sku, "Product " + sku, new ProductPrice(price, currency), status);
        _stock[(tenantId, sku)] = stock;
        return id;
    }

    public void SetPrice(Guid tenantId, Guid productId, decimal price) =>
        _products[(tenantId, productId)] = _products[(tenantId, productId)] with { Price = new ProductPrice(price, _products[(tenantId, productId)].Price.Currency) };

    public void SetStatus(Guid tenantId, Guid productId, string status) =>
        _products[(tenantId, productId)] = _products[(tenantId, productId)] with { Status = status };

    public void SetStock(Guid tenantId, Guid productId, long available) => _stock[(tenantId, _products[(tenantId, productId)].Sku)] = available;

    public async ValueTask DisposeAsync()
    {
        if (_catalog is not null) await _catalog.DisposeAsync();
        if (_inventory is not null) await _inventory.DisposeAsync();
        _catalog = _inventory = null;
    }
}
