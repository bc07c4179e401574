using DaprShop.Reviews.Data;
using DaprShop.Reviews.Data.Mongo;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace DaprShop.Reviews.Tests.Store;

/// <summary>
/// Where the MongoDB contract run finds its server, decided once per test process (as catalog's contract tests do):
/// <c>DAPRSHOP_TEST_MONGO</c> (a replica set, since reviews' writes are transactions), else a Testcontainers MongoDB 7
/// replica set when a Docker engine answers, else nothing — the tests are then skipped with the reason.
/// </summary>
public static class MongoServer
{
    public const string EnvironmentVariable = "DAPRSHOP_TEST_MONGO";
    public const string NoServerReason =
        "no MongoDB reachable: set " + EnvironmentVariable + " to a replica set's connection string (e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0) or run a Docker engine";

    static readonly Lazy<Task<(string? ConnectionString, string? SkipReason)>> Server = new(ResolveAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<(string? ConnectionString, string? SkipReason)> GetAsync() => Server.Value;

    static async Task<(string?, string?)> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (fromEnvironment, null);
        try
        {
            var container = new MongoDbBuilder("mongo:7.0").WithReplicaSet().Build();
            await container.StartAsync();
            return (container.GetConnectionString(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{NoServerReason} ({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()})");
        }
    }
}

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
