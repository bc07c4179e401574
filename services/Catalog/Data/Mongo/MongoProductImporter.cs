using DaprShop.Catalog.Domain;
using MongoDB.Driver;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>Seeding on MongoDB: unordered bulk inserts (the seeder hands over batches of a few thousand).</summary>
internal sealed class MongoProductImporter(MongoCatalog mongo) : IProductImporter
{
    public Task<long> CountAsync(Guid tenantId, CancellationToken cancellationToken) =>
        mongo.Products.CountDocumentsAsync(MongoProductFilters.Tenant(tenantId), cancellationToken: cancellationToken);

    public async Task ImportAsync(Guid tenantId, IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        foreach (var p in products) p.TenantId = tenantId;
        await mongo.Products.InsertManyAsync(products, new InsertManyOptions { IsOrdered = false }, cancellationToken);
    }
}
