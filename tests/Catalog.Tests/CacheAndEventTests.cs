using DaprShop.Catalog.Caching;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Testing;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

public sealed class CacheAndEventTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    CatalogApi Api => catalog.Api;

    string StateKey(Guid tenantId, Guid productId) => $"{CatalogService.AppId}||{ProductCache.Key(tenantId, productId)}";

    /// <summary>The cached product's JSON; null when there is no entry or only the tombstone an invalidation leaves (kit cache).</summary>
    System.Text.Json.Nodes.JsonNode? CachedProduct(Guid tenantId, Guid productId) =>
        catalog.Host.Cluster.StateStores["statestore"].Get(StateKey(tenantId, productId)) is { } entry
            ? System.Text.Json.Nodes.JsonNode.Parse(entry.Value)!["value"]
            : null;

    [Fact]
    public async Task A_read_caches_the_product_under_a_tenant_key_with_a_ttl_and_serves_it_from_there()
    {
        var t = Api.NewTenant();
        var product = await Api.CreateOkAsync(t.AdminToken, AProduct().Named("Cached").Request());
        var store = catalog.Host.Cluster.StateStores["statestore"];

        await Api.GetOkAsync(t.CustomerToken, product.Id);

        var entry = store.Get(StateKey(t.Id, product.Id));
        Assert.NotNull(entry);
        Assert.Equal(catalog.Clock.GetUtcNow().AddSeconds(60), entry.ExpiresAt);
        // Changed behind catalog's back: the cached copy answers until it expires or a write through catalog invalidates it.
        await catalog.Database.ExecuteAsync("update products set name = 'Changed in SQL' where id = $1", product.Id);
        Assert.Equal("Cached", (await Api.GetOkAsync(t.CustomerToken, product.Id)).Name);
        catalog.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("Changed in SQL", (await Api.GetOkAsync(t.CustomerToken, product.Id)).Name);
    }

    [Fact]
    public async Task A_write_invalidates_the_cached_product()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        await Api.GetOkAsync(t.CustomerToken, product.Id);
        Assert.NotNull(CachedProduct(t.Id, product.Id));

        await CatalogApi.OkAsync<ProductView>(await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(5).Request(), "\"1\""));

        Assert.Null(CachedProduct(t.Id, product.Id));
        Assert.Equal(5m, (await Api.GetOkAsync(t.CustomerToken, product.Id)).Price.Amount);
        Assert.Equal(2, (await Api.GetOkAsync(t.CustomerToken, product.Id)).Version);
    }

    [Fact]
    public async Task Created_updated_and_deleted_events_reach_subscribers_with_tenant_and_version()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());
        await CatalogApi.OkAsync<ProductView>(await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(42).Request(), "\"1\""));
        using (var deleted = await Api.DeleteAsync(t.AdminToken, product.Id)) Assert.True(deleted.IsSuccessStatusCode);

        await Eventually.TrueAsync(() => catalog.Watcher.Of("ProductDeleted", product.Id).Any(), "ProductDeleted is delivered");

        var created = Assert.Single(catalog.Watcher.Of("ProductCreated", product.Id));
        var updated = Assert.Single(catalog.Watcher.Of("ProductUpdated", product.Id));
        var deletedEvent = Assert.Single(catalog.Watcher.Of("ProductDeleted", product.Id));
        Assert.Equal(t.Id, created.GetProperty("tenantId").GetGuid());
        Assert.Equal(builder.Sku, created.GetProperty("sku").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal(42m, updated.GetProperty("priceAmount").GetDecimal());
        Assert.Equal(2, updated.GetProperty("version").GetInt64());
        Assert.Equal(3, deletedEvent.GetProperty("version").GetInt64());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task A_refused_write_publishes_nothing()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());

        using var stale = await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(1).Request(), "\"9\"");
        using var duplicate = await Api.CreateAsync(t.AdminToken, builder.Request());

        Assert.Equal(0, await catalog.CountOutboxAsync("ProductUpdated", product.Id));
        Assert.Equal(1, await catalog.Database.ScalarAsync<long>(
            "select count(*) from outbox_messages where \"EventType\" = 'ProductCreated' and \"Payload\"->>'sku' = $1", builder.Sku));
    }
}
