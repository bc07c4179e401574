using System.Text.Json;
using DaprShop.Catalog.Domain;
using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.ServiceDefaults.Tenancy;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using static DaprShop.Catalog.Data.Mongo.MongoCatalogMapping;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>
/// Products on MongoDB (production). Every filter is built by <see cref="MongoProductFilters"/> from the current
/// tenant. A write and its event commit in one multi-document transaction (products + outbox collections), which
/// needs a replica set or sharded cluster — a standalone mongod refuses transactions, and catalog then refuses writes.
/// </summary>
internal sealed class MongoProductStore(MongoCatalog mongo, ITenantContext tenant) : IProductStore
{
    public async Task<ProductWrite> AddAsync<TEvent>(Product product, TEvent created, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(product);
        var tenantId = RequireTenant();
        if (product.TenantId == Guid.Empty) product.TenantId = tenantId;
        if (product.TenantId != tenantId) throw new TenantIsolationException($"catalog: a product of tenant {product.TenantId} written while acting for {tenantId}");
        product.Version = 1;
        try
        {
            await InTransactionAsync(async (session, ct) =>
            {
                await mongo.Products.InsertOneAsync(session, product, cancellationToken: ct);
                await mongo.Outbox.InsertOneAsync(session, OutboxMessage(created), cancellationToken: ct);
            }, cancellationToken);
            return ProductWrite.Written(product);
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return Duplicate(e.WriteError.Message);
        }
    }

    public async Task<Product?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await mongo.Products.Find(MongoProductFilters.ById(RequireTenant(), id)).SingleOrDefaultAsync(cancellationToken);

    public async Task<Product?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await mongo.Products.Find(MongoProductFilters.BySlug(RequireTenant(), slug)).SingleOrDefaultAsync(cancellationToken);

    public async Task<ProductWrite> UpdateAsync<TEvent>(Product product, long expectedVersion, TEvent updated, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(product);
        var tenantId = RequireTenant();
        var set = Builders<Product>.Update
            .Set(p => p.Sku, product.Sku)
            .Set(p => p.Name, product.Name)
            .Set(p => p.Description, product.Description)
            .Set(p => p.Brand, product.Brand)
            .Set(p => p.CategoryPath, product.CategoryPath)
            .Set(p => p.Price, product.Price)
            .Set(p => p.Attributes, product.Attributes)
            .Set(p => p.Images, product.Images)
            .Set(p => p.Slug, product.Slug)
            .Set(p => p.Status, product.Status)
            .Set(p => p.UpdatedAt, product.UpdatedAt)
            .Set(p => p.Version, expectedVersion + 1);
        try
        {
            var written = await InTransactionAsync(async (session, ct) =>
            {
                // The version in the filter makes the database decide between concurrent writers: one matches, the rest don't.
                var stored = await mongo.Products.FindOneAndUpdateAsync(session, MongoProductFilters.AtVersion(tenantId, product.Id, expectedVersion), set,
                    new FindOneAndUpdateOptions<Product> { ReturnDocument = ReturnDocument.After }, ct);
                if (stored is null) return null;
                await mongo.Outbox.InsertOneAsync(session, OutboxMessage(updated), cancellationToken: ct);
                return stored;
            }, cancellationToken);
            if (written is not null) return ProductWrite.Written(written);
        }
        catch (MongoCommandException e) when (e.Code == 11000)
        {
            return Duplicate(e.Message);
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return Duplicate(e.WriteError.Message);
        }
        var now = await GetAsync(product.Id, cancellationToken);
        return now is null ? new ProductWrite(ProductWriteOutcome.NotFound) : new ProductWrite(ProductWriteOutcome.VersionMismatch, now);
    }

    public async Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var pipeline = SearchPipeline(RequireTenant(), query, mongo.Products.DocumentSerializer);
        var result = await mongo.Products.Aggregate<BsonDocument>(pipeline, cancellationToken: cancellationToken).SingleAsync(cancellationToken);
        return ReadSearchResult(result);
    }

    public async Task<bool> ApplyRatingAsync(Guid productId, Rating rating, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var f = Builders<Product>.Filter;
        // The version in the filter makes the database drop a stale event, whatever the order of deliveries.
        var result = await mongo.Products.UpdateOneAsync(
            // A document written before ratings existed has no ratingVersion, which $lt would not match.
            f.And(MongoProductFilters.ById(RequireTenant(), productId), f.Or(f.Lt(p => p.RatingVersion, version), f.Exists(p => p.RatingVersion, false))),
            Builders<Product>.Update.Set(p => p.Rating, rating).Set(p => p.RatingVersion, version),
            cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    public async Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return await mongo.Products.Find(MongoProductFilters.ByIds(RequireTenant(), ids.Distinct())).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One aggregation: the tenant-scoped $match, then a $facet computing the page, the total and both facet counts
    /// over the same matches. Internal so tests can render it without a server.
    /// </summary>
    internal static PipelineDefinition<Product, BsonDocument> SearchPipeline(Guid tenantId, ProductQuery query, IBsonSerializer<Product> serializer)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = MongoProductFilters.Search(tenantId, query).Render(new RenderArgs<Product>(serializer, BsonSerializer.SerializerRegistry));
        var stages = new List<BsonDocument> { new("$match", match) };
        if (query.HasText) stages.Add(new BsonDocument("$addFields", new BsonDocument(Fields.Score, new BsonDocument("$meta", "textScore"))));
        var page = new BsonArray
        {
            new BsonDocument("$sort", MongoProductFilters.Sort(query.EffectiveSort, query.HasText)),
            new BsonDocument("$skip", query.Offset),
            new BsonDocument("$limit", query.PageSize),
            new BsonDocument("$project", new BsonDocument { { "description", 0 }, { Fields.Attributes, 0 }, { Fields.Score, 0 } }),
        };
        stages.Add(new BsonDocument("$facet", new BsonDocument
        {
            { "items", page },
            { "total", new BsonArray { new BsonDocument("$count", "n") } },
            { "categories", FacetStages(Fields.CategoryPath) },
            { "brands", FacetStages(Fields.Brand) },
        }));
        return PipelineDefinition<Product, BsonDocument>.Create(stages);
    }

    static BsonArray FacetStages(string field) =>
    [
        new BsonDocument("$group", new BsonDocument { { "_id", "$" + field }, { "n", new BsonDocument("$sum", 1) } }),
        new BsonDocument("$sort", new BsonDocument { { "n", -1 }, { "_id", 1 } }),
        new BsonDocument("$limit", Postgres.ProductSearchSql.FacetSize),
    ];

    internal static ProductSearchResult ReadSearchResult(BsonDocument result)
    {
        var items = result["items"].AsBsonArray.Select(d => BsonSerializer.Deserialize<Product>(d.AsBsonDocument))
            .Select(p => new ProductSummary(p.Id, p.Sku, p.Slug, p.Name, p.Brand, p.CategoryPath, p.Price, p.Status, p.Rating,
                p.Images.FirstOrDefault(), p.CreatedAt))
            .ToList();
        var total = result["total"].AsBsonArray.Select(d => d["n"].ToInt64()).FirstOrDefault();
        return new ProductSearchResult(items, total, Facet(result["categories"]), Facet(result["brands"]));

        static List<FacetCount> Facet(BsonValue value) =>
            [.. value.AsBsonArray.Select(d => new FacetCount(d["_id"].AsString, d["n"].ToInt64()))];
    }

    async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var session = await mongo.Client.StartSessionAsync(cancellationToken: cancellationToken);
        return await session.WithTransactionAsync((s, ct) => work(s, ct), cancellationToken: cancellationToken);
    }

    Task<bool> InTransactionAsync(Func<IClientSessionHandle, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync<bool>(async (s, ct) => { await work(s, ct); return true; }, cancellationToken);

    static MongoOutboxMessage OutboxMessage(IntegrationEvent e) => new()
    {
        Id = e.EventId,
        TenantId = e.TenantId,
        Topic = Topics.ProductEvents,
        EventType = e.EventType,
        Payload = JsonSerializer.Serialize(e, e.GetType(), JsonSerializerOptions.Web),
        OccurredAt = e.OccurredAt,
        NextAttemptAt = e.OccurredAt,
    };

    static ProductWrite Duplicate(string message) =>
        new(message.Contains(MongoCatalogIndexes.UniqueSlug, StringComparison.Ordinal) ? ProductWriteOutcome.DuplicateSlug : ProductWriteOutcome.DuplicateSku);

    Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("catalog: a product store call with no tenant in context");
}
