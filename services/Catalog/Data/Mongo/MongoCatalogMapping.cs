using DaprShop.Catalog.Domain;
using DaprShop.ServiceDefaults.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Options;
using MongoDB.Bson.Serialization.Serializers;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>
/// How a product is stored in MongoDB: camelCase fields, ids as standard UUIDs (binary subtype 4), money as
/// Decimal128 (never a double), times as BSON dates (millisecond precision), status as its lower case name, attributes
/// as a sub-document (keys are validated identifiers, so never '.' or '$'). Class maps are process-wide: registered once.
/// </summary>
internal static class MongoCatalogMapping
{
    static readonly Lock Gate = new();
    static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            var guids = new GuidSerializer(GuidRepresentation.Standard);
            var times = new DateTimeOffsetSerializer(BsonType.DateTime);
            var decimals = new DecimalSerializer(BsonType.Decimal128);

            BsonClassMap.RegisterClassMap<Money>(cm =>
            {
                cm.MapMember(m => m.Amount).SetElementName("amount").SetSerializer(decimals);
                cm.MapMember(m => m.Currency).SetElementName("currency");
                cm.MapCreator(m => new Money(m.Amount, m.Currency));
            });
            BsonClassMap.RegisterClassMap<Rating>(cm =>
            {
                cm.MapMember(r => r.Average).SetElementName("average").SetSerializer(decimals);
                cm.MapMember(r => r.Count).SetElementName("count");
                cm.MapCreator(r => new Rating(r.Average, r.Count));
            });
            BsonClassMap.RegisterClassMap<Product>(cm =>
            {
                cm.MapIdMember(p => p.Id).SetSerializer(guids);
                cm.MapMember(p => p.TenantId).SetElementName(Fields.TenantId).SetSerializer(guids);
                cm.MapMember(p => p.Sku).SetElementName("sku");
                cm.MapMember(p => p.Name).SetElementName("name");
                cm.MapMember(p => p.Description).SetElementName("description");
                cm.MapMember(p => p.Brand).SetElementName("brand");
                cm.MapMember(p => p.CategoryPath).SetElementName("categoryPath");
                cm.MapMember(p => p.Price).SetElementName("price");
                cm.MapMember(p => p.Attributes).SetElementName("attributes").SetSerializer(
                    new DictionaryInterfaceImplementerSerializer<Dictionary<string, string>>(DictionaryRepresentation.Document));
                cm.MapMember(p => p.Images).SetElementName("images");
                cm.MapMember(p => p.Slug).SetElementName("slug");
                cm.MapMember(p => p.Status).SetElementName("status").SetSerializer(new ProductStatusSerializer());
                cm.MapMember(p => p.Rating).SetElementName("rating");
                cm.MapMember(p => p.RatingVersion).SetElementName(Fields.RatingVersion);
                cm.MapMember(p => p.CreatedAt).SetElementName("createdAt").SetSerializer(times);
                cm.MapMember(p => p.UpdatedAt).SetElementName("updatedAt").SetSerializer(times);
                cm.MapMember(p => p.Version).SetElementName("version");
                cm.SetIgnoreExtraElements(true);
            });
            MongoOutboxMessage.RegisterClassMap();
            _registered = true;
        }
    }

    /// <summary>Element names used in hand-built stages and index definitions.</summary>
    public static class Fields
    {
        public const string Id = "_id";
        public const string TenantId = "tenantId";
        public const string Status = "status";
        public const string CreatedAt = "createdAt";
        public const string CategoryPath = "categoryPath";
        public const string Brand = "brand";
        public const string PriceAmount = "price.amount";
        public const string PriceCurrency = "price.currency";
        public const string RatingAverage = "rating.average";
        public const string RatingCount = "rating.count";
        public const string RatingVersion = "ratingVersion";
        public const string Attributes = "attributes";
        public const string Version = "version";
        public const string Score = "score";
    }

    sealed class ProductStatusSerializer : SerializerBase<ProductStatus>
    {
        public override ProductStatus Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args) =>
            ProductStatuses.FromWire(context.Reader.ReadString());

        public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, ProductStatus value) =>
            context.Writer.WriteString(value.ToWire());
    }
}
