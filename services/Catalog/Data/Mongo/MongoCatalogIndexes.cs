using DaprShop.Catalog.Domain;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;
using static DaprShop.Catalog.Data.Mongo.MongoCatalogMapping;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>
/// The indexes of the products collection, every one leading with tenantId, so each query of a tenant reads only that
/// tenant's range. Created at start-up (createIndexes is idempotent for identical definitions).
/// </summary>
internal static class MongoCatalogIndexes
{
    public const string TextLanguage = "english";
    public const string TextIndex = "tx_products_search";
    public const string UniqueSku = "ux_products_tenant_sku";
    public const string UniqueSlug = "ux_products_tenant_slug";

    /// <summary>Name weighs most, then brand, then description — as in the PostgreSQL adapter's A/B/C weights.</summary>
    public static BsonDocument TextWeights { get; } = new() { { "name", 10 }, { "brand", 5 }, { "description", 1 } };

    static IndexKeysDefinitionBuilder<Product> K => Builders<Product>.IndexKeys;

    public static IReadOnlyList<CreateIndexModel<Product>> Products { get; } =
    [
        // Compound text index with tenantId as its prefix: a $text query must then give the tenant, and reads only its keys.
        new(K.Ascending(p => p.TenantId).Text(p => p.Name).Text(p => p.Brand).Text(p => p.Description),
            new CreateIndexOptions { Name = TextIndex, Weights = TextWeights, DefaultLanguage = TextLanguage }),
        new(K.Ascending(p => p.TenantId).Ascending(p => p.Sku), new CreateIndexOptions { Name = UniqueSku, Unique = true }),
        new(K.Ascending(p => p.TenantId).Ascending(p => p.Slug), new CreateIndexOptions { Name = UniqueSlug, Unique = true }),
        new(K.Ascending(p => p.TenantId).Ascending(p => p.Status).Descending(p => p.CreatedAt),
            new CreateIndexOptions { Name = "ix_products_tenant_status_created" }),
        new(K.Ascending(p => p.TenantId).Ascending(p => p.CategoryPath), new CreateIndexOptions { Name = "ix_products_tenant_category" }),
        new(K.Ascending(p => p.TenantId).Ascending(p => p.Brand), new CreateIndexOptions { Name = "ix_products_tenant_brand" }),
        new(K.Ascending(p => p.TenantId).Ascending(Fields.PriceAmount), new CreateIndexOptions { Name = "ix_products_tenant_price" }),
        // Compound wildcard index (MongoDB 7.0+): attribute filters on any key, within the tenant.
        new(K.Combine(K.Ascending(p => p.TenantId), K.Wildcard($"{Fields.Attributes}.$**")), new CreateIndexOptions { Name = "ix_products_tenant_attributes" }),
    ];

    public static IReadOnlyList<CreateIndexModel<MongoOutboxMessage>> Outbox { get; } = [MongoOutboxMessage.DueIndex];
}
