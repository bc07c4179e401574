using DaprShop.Reviews.Data;
using DaprShop.Reviews.Data.Mongo;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.Testing.Mongo;
using DaprShop.Testing.Tenancy;
using MongoDB.Driver;

namespace DaprShop.Reviews.Tests.Store;

/// <summary>A uniquely named reviews database on the MongoDB server, with its indexes, dropped afterwards.</summary>
public sealed class ReviewsMongo : IAsyncLifetime
{
    string? _skipReason;
    MongoReviews? _reviews;

    internal MongoReviews Reviews
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _reviews!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        (var connectionString, _skipReason) = await MongoServer.GetAsync();
        if (connectionString is null) return;
        var url = new MongoUrlBuilder(connectionString) { DatabaseName = $"reviews_test_{Guid.NewGuid():N}" }.ToMongoUrl();
        _reviews = new MongoReviews(new MongoClient(url), url.DatabaseName);
        await _reviews.EnsureIndexesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_reviews is not null) await _reviews.Client.DropDatabaseAsync(_reviews.Database.DatabaseNamespace.DatabaseName);
    }
}

public sealed class MongoReviewStoreTests(ReviewsMongo mongo) : ReviewStoreContract, IClassFixture<ReviewsMongo>
{
    private protected override IReviewStore Store(Guid? tenantId)
    {
        var tenant = new FixedTenant(tenantId);
        return new MongoReviewStore(mongo.Reviews, tenant, tenant, TimeProvider.System);
    }

    protected override async Task<IReadOnlyList<string>> StagedEventsAsync(Guid productId)
    {
        var messages = await mongo.Reviews.Outbox.Find(Builders<MongoOutboxMessage>.Filter.Empty).SortBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync();
        return [.. messages.Where(m => m.Payload.Contains(productId.ToString(), StringComparison.Ordinal)).Select(m => m.EventType)];
    }
}
