using DaprShop.Catalog.Data;
using DaprShop.Catalog.Data.Mongo;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.Testing.Mongo;
using DaprShop.Testing.Tenancy;
using MongoDB.Driver;

namespace DaprShop.Catalog.Tests.Store;

/// <summary>A uniquely named catalog database on the MongoDB server, with its indexes, dropped afterwards.</summary>
public sealed class CatalogMongo : IAsyncLifetime
{
    string? _skipReason;
    MongoCatalog? _catalog;

    internal MongoCatalog Catalog
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _catalog!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        (var connectionString, _skipReason) = await MongoServer.GetAsync();
        if (connectionString is null) return;
        var url = new MongoUrlBuilder(connectionString) { DatabaseName = $"catalog_test_{Guid.NewGuid():N}" }.ToMongoUrl();
        _catalog = new MongoCatalog(new MongoClient(url), url.DatabaseName);
        await _catalog.EnsureIndexesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_catalog is not null) await _catalog.Client.DropDatabaseAsync(_catalog.Database.DatabaseNamespace.DatabaseName);
    }
}

public sealed class MongoProductStoreTests(CatalogMongo mongo) : ProductStoreContract, IClassFixture<CatalogMongo>
{
    protected override IProductStore Store(Guid? tenantId) => new MongoProductStore(mongo.Catalog, new FixedTenant(tenantId));

    protected override async Task<IReadOnlyList<string>> StagedEventsAsync(Guid productId)
    {
        var messages = await mongo.Catalog.Outbox.Find(Builders<MongoOutboxMessage>.Filter.Empty).SortBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync();
        return [.. messages.Where(m => m.Payload.Contains(productId.ToString(), StringComparison.Ordinal)).Select(m => m.EventType)];
    }
}
