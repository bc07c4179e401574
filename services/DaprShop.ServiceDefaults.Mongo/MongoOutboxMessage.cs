using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace DaprShop.ServiceDefaults.Mongo;

/// <summary>
/// An event waiting to be sent, written in the same MongoDB transaction as the change that caused it (the kit's
/// PostgreSQL outbox is not reachable from a MongoDB transaction). <see cref="MongoOutboxRelay{TStore}"/> sends it.
/// </summary>
public sealed class MongoOutboxMessage
{
    static readonly Lock Gate = new();

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Topic { get; set; } = "";
    public string EventType { get; set; } = "";
    /// <summary>The event as JSON, exactly as the PostgreSQL outbox stores it.</summary>
    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Also the lease: a relay claiming the message pushes it forward so another replica leaves it alone.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Its class map: camelCase fields, ids as standard UUIDs, times as BSON dates. Class maps are process-wide, and two
    /// services may share a process (tests): registered once, whoever asks first.
    /// </summary>
    public static void RegisterClassMap()
    {
        lock (Gate)
        {
            if (BsonClassMap.IsClassMapRegistered(typeof(MongoOutboxMessage))) return;
            var guid = new GuidSerializer(GuidRepresentation.Standard);
            var time = new DateTimeOffsetSerializer(BsonType.DateTime);
            BsonClassMap.RegisterClassMap<MongoOutboxMessage>(cm =>
            {
                cm.MapIdMember(m => m.Id).SetSerializer(guid);
                cm.MapMember(m => m.TenantId).SetElementName("tenantId").SetSerializer(guid);
                cm.MapMember(m => m.Topic).SetElementName("topic");
                cm.MapMember(m => m.EventType).SetElementName("eventType");
                cm.MapMember(m => m.Payload).SetElementName("payload");
                cm.MapMember(m => m.OccurredAt).SetElementName("occurredAt").SetSerializer(time);
                cm.MapMember(m => m.NextAttemptAt).SetElementName("nextAttemptAt").SetSerializer(time);
                cm.MapMember(m => m.SentAt).SetElementName("sentAt").SetSerializer(new NullableSerializer<DateTimeOffset>(time));
                cm.MapMember(m => m.Attempts).SetElementName("attempts");
                cm.MapMember(m => m.LastError).SetElementName("lastError");
                cm.SetIgnoreExtraElements(true);
            });
        }
    }

    /// <summary>The index the relay's claim runs on.</summary>
    public static CreateIndexModel<MongoOutboxMessage> DueIndex { get; } =
        new(Builders<MongoOutboxMessage>.IndexKeys.Ascending(m => m.SentAt).Ascending(m => m.NextAttemptAt),
            new CreateIndexOptions { Name = "ix_outbox_due" });
}
