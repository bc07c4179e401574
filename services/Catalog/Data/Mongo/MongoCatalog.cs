using DaprShop.Catalog.Domain;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Driver;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>The catalog database on MongoDB: the products collection and the outbox collection beside it.</summary>
internal sealed class MongoCatalog : IMongoOutboxStore
{
    public const string ProductsCollection = "products";
    public const string OutboxCollection = "outbox";

    public MongoCatalog(IMongoClient client, string databaseName)
    {
        MongoCatalogMapping.Register();
        Client = client;
        Database = client.GetDatabase(databaseName);
        Products = Database.GetCollection<Product>(ProductsCollection);
        Outbox = Database.GetCollection<MongoOutboxMessage>(OutboxCollection);
    }

    public IMongoClient Client { get; }
    public IMongoDatabase Database { get; }
    public IMongoCollection<Product> Products { get; }
    public IMongoCollection<MongoOutboxMessage> Outbox { get; }

    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        await Products.Indexes.CreateManyAsync(MongoCatalogIndexes.Products, cancellationToken);
        await Outbox.Indexes.CreateManyAsync(MongoCatalogIndexes.Outbox, cancellationToken);
    }

    public static MongoCatalog FromConnectionString(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        return new MongoCatalog(new MongoClient(url), url.DatabaseName ?? "catalog");
    }
}
