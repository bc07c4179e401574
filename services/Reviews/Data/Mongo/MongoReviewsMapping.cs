using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace DaprShop.Reviews.Data.Mongo;

/// <summary>
/// How reviews' documents are stored: camelCase fields, ids as standard UUIDs, times as BSON dates, statuses by their
/// wire names. Documents without a natural id (purchases, votes, ratings, settings) get a generated ObjectId; their
/// unique indexes are their keys. Class maps are process-wide: registered once.
/// </summary>
internal static class MongoReviewsMapping
{
    static readonly Lock Gate = new();
    static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            ConventionRegistry.Register("daprshop-reviews", new ConventionPack { new CamelCaseElementNameConvention(), new IgnoreExtraElementsConvention(true) },
                t => t.Namespace == typeof(Review).Namespace);
            var guid = new GuidSerializer(GuidRepresentation.Standard);
            var time = new DateTimeOffsetSerializer(BsonType.DateTime);
            var nullableTime = new NullableSerializer<DateTimeOffset>(time);

            BsonClassMap.RegisterClassMap<Review>(cm =>
            {
                cm.AutoMap();
                cm.MapIdMember(r => r.Id).SetSerializer(guid);
                cm.MapMember(r => r.TenantId).SetSerializer(guid);
                cm.MapMember(r => r.ProductId).SetSerializer(guid);
                cm.MapMember(r => r.CustomerId).SetSerializer(guid);
                cm.MapMember(r => r.ModeratedBy).SetSerializer(new NullableSerializer<Guid>(guid));
                cm.MapMember(r => r.Status).SetSerializer(new StatusSerializer());
                cm.MapMember(r => r.CreatedAt).SetSerializer(time);
                cm.MapMember(r => r.UpdatedAt).SetSerializer(time);
                cm.MapMember(r => r.ApprovedAt).SetSerializer(nullableTime);
            });
            BsonClassMap.RegisterClassMap<Purchase>(cm =>
            {
                cm.AutoMap();
                cm.MapMember(p => p.TenantId).SetSerializer(guid);
                cm.MapMember(p => p.CustomerId).SetSerializer(guid);
                cm.MapMember(p => p.ProductId).SetSerializer(guid);
                cm.MapMember(p => p.OrderId).SetSerializer(guid);
                cm.MapMember(p => p.DeliveredAt).SetSerializer(time);
            });
            BsonClassMap.RegisterClassMap<HelpfulVote>(cm =>
            {
                cm.AutoMap();
                cm.MapMember(v => v.TenantId).SetSerializer(guid);
                cm.MapMember(v => v.ReviewId).SetSerializer(guid);
                cm.MapMember(v => v.UserId).SetSerializer(guid);
                cm.MapMember(v => v.VotedAt).SetSerializer(time);
            });
            BsonClassMap.RegisterClassMap<ProductRating>(cm =>
            {
                cm.AutoMap();
                cm.MapMember(r => r.TenantId).SetSerializer(guid);
                cm.MapMember(r => r.ProductId).SetSerializer(guid);
            });
            BsonClassMap.RegisterClassMap<ModerationSettings>(cm =>
            {
                cm.AutoMap();
                cm.MapMember(s => s.TenantId).SetSerializer(guid);
                cm.MapMember(s => s.UpdatedAt).SetSerializer(time);
            });
            MongoOutboxMessage.RegisterClassMap();
            _registered = true;
        }
    }

    sealed class StatusSerializer : SerializerBase<ReviewStatus>
    {
        public override ReviewStatus Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args) =>
            ReviewStatuses.FromWire(context.Reader.ReadString());

        public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, ReviewStatus value) =>
            context.Writer.WriteString(value.ToWire());
    }
}
