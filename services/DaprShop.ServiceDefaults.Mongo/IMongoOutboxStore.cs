using MongoDB.Driver;

namespace DaprShop.ServiceDefaults.Mongo;

/// <summary>A service's MongoDB store as the kit needs it: its database (readiness) and its outbox collection (relay).</summary>
public interface IMongoOutboxStore
{
    IMongoDatabase Database { get; }

    IMongoCollection<MongoOutboxMessage> Outbox { get; }
}
