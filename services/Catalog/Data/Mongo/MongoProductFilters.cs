using System.Text.RegularExpressions;
using DaprShop.Catalog.Domain;
using MongoDB.Bson;
using MongoDB.Driver;
using static DaprShop.Catalog.Data.Mongo.MongoCatalogMapping;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>
/// Every MongoDB filter catalog sends starts from <see cref="Tenant"/>: there is no way to build one without the tenant
/// (tests render each filter and look for it). Search filters become the <c>$match</c> of the search pipeline.
/// </summary>
internal static class MongoProductFilters
{
    static FilterDefinitionBuilder<Product> F => Builders<Product>.Filter;

    public static FilterDefinition<Product> Tenant(Guid tenantId) =>
        tenantId == Guid.Empty
            ? throw new ArgumentException("a filter always names its tenant", nameof(tenantId))
            : F.Eq(p => p.TenantId, tenantId);

    public static FilterDefinition<Product> ById(Guid tenantId, Guid id) => F.And(Tenant(tenantId), F.Eq(p => p.Id, id));

    public static FilterDefinition<Product> ByIds(Guid tenantId, IEnumerable<Guid> ids) => F.And(Tenant(tenantId), F.In(p => p.Id, ids));

    public static FilterDefinition<Product> BySlug(Guid tenantId, string slug) => F.And(Tenant(tenantId), F.Eq(p => p.Slug, slug));

    /// <summary>The optimistic-concurrency filter of an update: matches only while the stored version is the expected one.</summary>
    public static FilterDefinition<Product> AtVersion(Guid tenantId, Guid id, long version) =>
        F.And(ById(tenantId, id), F.Eq(p => p.Version, version));

    public static FilterDefinition<Product> Search(Guid tenantId, ProductQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<FilterDefinition<Product>> { Tenant(tenantId) };
        // $text must sit in the first $match; with the text index prefixed by tenantId it also needs the tenant equality above.
        if (query.HasText) parts.Add(F.Text(query.Text!.Trim(), new TextSearchOptions { Language = MongoCatalogIndexes.TextLanguage }));
        if (query.Statuses.Count == 1) parts.Add(F.Eq(p => p.Status, query.Statuses[0]));
        else if (query.Statuses.Count > 1) parts.Add(F.In(p => p.Status, query.Statuses));
        if (query.Category is { } category)
            // An anchored prefix regex with a literal prefix is an index range scan on { tenantId, categoryPath }.
            parts.Add(F.Regex(p => p.CategoryPath, new BsonRegularExpression($"^{Regex.Escape(category)}(/|$)")));
        if (query.Brands.Count == 1) parts.Add(F.Eq(p => p.Brand, query.Brands[0]));
        else if (query.Brands.Count > 1) parts.Add(F.In(p => p.Brand, query.Brands));
        if (query.MinPrice is { } min) parts.Add(F.Gte(p => p.Price.Amount, min));
        if (query.MaxPrice is { } max) parts.Add(F.Lte(p => p.Price.Amount, max));
        if (query.MinRating is { } minRating) parts.Add(F.Gte(p => p.Rating.Average, minRating));
        if (query.Currency is { } currency) parts.Add(F.Eq(p => p.Price.Currency, currency));
        // Keys are validated identifiers (AttributeKeys): no '.' or '$' can reach a field path.
        foreach (var (key, value) in query.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            parts.Add(F.Eq($"{Fields.Attributes}.{key}", value));
        return F.And(parts);
    }

    /// <summary>The <c>$sort</c> document of a search (the text score is added as <c>score</c> when there is text).</summary>
    public static BsonDocument Sort(ProductSort sort, bool hasText) => sort switch
    {
        ProductSort.Relevance when hasText => new BsonDocument { { Fields.Score, new BsonDocument("$meta", "textScore") }, { Fields.Id, -1 } },
        ProductSort.PriceAscending => new BsonDocument { { Fields.PriceAmount, 1 }, { Fields.Id, 1 } },
        ProductSort.PriceDescending => new BsonDocument { { Fields.PriceAmount, -1 }, { Fields.Id, -1 } },
        ProductSort.Rating => new BsonDocument { { Fields.RatingAverage, -1 }, { Fields.RatingCount, -1 }, { Fields.Id, -1 } },
        _ => new BsonDocument { { Fields.CreatedAt, -1 }, { Fields.Id, -1 } },
    };
}
