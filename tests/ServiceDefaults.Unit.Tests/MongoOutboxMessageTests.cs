using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Bson;

namespace DaprShop.ServiceDefaults.UnitTests;

/// <summary>The MongoDB outbox's document shape, which catalog and reviews share (their stores run only against a real MongoDB).</summary>
public sealed class MongoOutboxMessageTests
{
    [Fact]
    public void Its_class_map_registers_once_however_often_asked_and_stores_camelCase_fields_standard_uuids_and_dates()
    {
        MongoOutboxMessage.RegisterClassMap();
        MongoOutboxMessage.RegisterClassMap();
        var id = Guid.CreateVersion7();

        var doc = new MongoOutboxMessage { Id = id, Topic = "review-events", EventType = "ReviewApproved", Payload = "{}", OccurredAt = DateTimeOffset.UnixEpoch }
            .ToBsonDocument();

        Assert.Equal(new BsonBinaryData(id, GuidRepresentation.Standard), doc["_id"]);
        Assert.Equal(("review-events", "ReviewApproved"), (doc["topic"].AsString, doc["eventType"].AsString));
        Assert.Equal(BsonType.DateTime, doc["occurredAt"].BsonType);
        Assert.Equal(BsonNull.Value, doc["sentAt"]);
    }
}
