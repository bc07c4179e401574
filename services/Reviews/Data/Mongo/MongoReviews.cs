using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Driver;

namespace DaprShop.Reviews.Data.Mongo;

/// <summary>
/// The reviews database on MongoDB: reviews, purchases, helpful votes, rating summaries, blocked-word lists and the
/// outbox beside them. Every index leads with tenantId; the unique ones are the rules the database decides.
/// </summary>
internal sealed class MongoReviews : IMongoOutboxStore
{
    public const string UniqueReview = "ux_reviews_tenant_product_customer";

    public MongoReviews(IMongoClient client, string databaseName)
    {
        MongoReviewsMapping.Register();
        Client = client;
        Database = client.GetDatabase(databaseName);
        Reviews = Database.GetCollection<Review>("reviews");
        Purchases = Database.GetCollection<Purchase>("purchases");
        Votes = Database.GetCollection<HelpfulVote>("helpful_votes");
        Ratings = Database.GetCollection<ProductRating>("product_ratings");
        Settings = Database.GetCollection<ModerationSettings>("moderation_settings");
        Outbox = Database.GetCollection<MongoOutboxMessage>("outbox");
    }

    public IMongoClient Client { get; }
    public IMongoDatabase Database { get; }
    public IMongoCollection<Review> Reviews { get; }
    public IMongoCollection<Purchase> Purchases { get; }
    public IMongoCollection<HelpfulVote> Votes { get; }
    public IMongoCollection<ProductRating> Ratings { get; }
    public IMongoCollection<ModerationSettings> Settings { get; }
    public IMongoCollection<MongoOutboxMessage> Outbox { get; }

    /// <summary>createIndexes is idempotent for identical definitions: run at every start.</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        var unique = new CreateIndexOptions { Unique = true };
        await Reviews.Indexes.CreateManyAsync(
        [
            new(Builders<Review>.IndexKeys.Ascending(r => r.TenantId).Ascending(r => r.ProductId).Ascending(r => r.CustomerId),
                new CreateIndexOptions { Unique = true, Name = UniqueReview }),
            new(Builders<Review>.IndexKeys.Ascending(r => r.TenantId).Ascending(r => r.ProductId).Ascending(r => r.Status).Descending(r => r.CreatedAt)),
            new(Builders<Review>.IndexKeys.Ascending(r => r.TenantId).Ascending(r => r.Status).Ascending(r => r.UpdatedAt)),
            new(Builders<Review>.IndexKeys.Ascending(r => r.TenantId).Ascending(r => r.CustomerId).Descending(r => r.CreatedAt)),
        ], cancellationToken);
        await Purchases.Indexes.CreateOneAsync(new CreateIndexModel<Purchase>(
            Builders<Purchase>.IndexKeys.Ascending(p => p.TenantId).Ascending(p => p.CustomerId).Ascending(p => p.ProductId), unique),
            cancellationToken: cancellationToken);
        await Votes.Indexes.CreateOneAsync(new CreateIndexModel<HelpfulVote>(
            Builders<HelpfulVote>.IndexKeys.Ascending(v => v.TenantId).Ascending(v => v.ReviewId).Ascending(v => v.UserId), unique),
            cancellationToken: cancellationToken);
        await Ratings.Indexes.CreateOneAsync(new CreateIndexModel<ProductRating>(
            Builders<ProductRating>.IndexKeys.Ascending(r => r.TenantId).Ascending(r => r.ProductId), unique), cancellationToken: cancellationToken);
        await Settings.Indexes.CreateOneAsync(new CreateIndexModel<ModerationSettings>(
            Builders<ModerationSettings>.IndexKeys.Ascending(s => s.TenantId), unique), cancellationToken: cancellationToken);
        await Outbox.Indexes.CreateOneAsync(MongoOutboxMessage.DueIndex, cancellationToken: cancellationToken);
    }

    public static MongoReviews FromConnectionString(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        return new MongoReviews(new MongoClient(url), url.DatabaseName ?? "reviews");
    }
}
