using DaprShop.Catalog.Data.Mongo;
using DaprShop.Catalog.Domain;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace DaprShop.Catalog.UnitTests;

/// <summary>
/// No MongoDB runs here, so the adapter's queries are checked by rendering them to the BSON the driver would send:
/// every filter, pipeline and index starts from the tenant.
/// </summary>
public sealed class MongoQueryTests
{
    static readonly Guid Tenant = Guid.Parse("01930000-0000-7000-8000-0000000000aa");

    static MongoQueryTests() => MongoCatalogMapping.Register();

    static IBsonSerializer<Product> Serializer => BsonSerializer.SerializerRegistry.GetSerializer<Product>();

    static BsonDocument Render(FilterDefinition<Product> filter) =>
        filter.Render(new RenderArgs<Product>(Serializer, BsonSerializer.SerializerRegistry));

    static void HasTenant(BsonDocument filter)
    {
        var json = filter.ToJson();
        var found = filter.Contains("tenantId") ||
                    (filter.TryGetValue("$and", out var and) && and.AsBsonArray.Any(t => t.AsBsonDocument.Contains("tenantId")));
        Assert.True(found, "no tenantId term in " + json);
        Assert.Contains(new BsonBinaryData(Tenant, GuidRepresentation.Standard).ToJson(), json);
    }

    public static TheoryData<string> FilterNames => ["byId", "byIds", "bySlug", "atVersion", "searchEmpty", "searchFull"];

    static FilterDefinition<Product> Filter(string name) => name switch
    {
        "byId" => MongoProductFilters.ById(Tenant, Guid.CreateVersion7()),
        "byIds" => MongoProductFilters.ByIds(Tenant, [Guid.CreateVersion7(), Guid.CreateVersion7()]),
        "bySlug" => MongoProductFilters.BySlug(Tenant, "wireless-headphones"),
        "atVersion" => MongoProductFilters.AtVersion(Tenant, Guid.CreateVersion7(), 3),
        "searchEmpty" => MongoProductFilters.Search(Tenant, new ProductQuery()),
        "searchFull" => MongoProductFilters.Search(Tenant, FullQuery),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    static ProductQuery FullQuery => new()
    {
        Text = "wireless",
        Category = "electronics/audio",
        Brands = ["Sonor", "Vikra"],
        MinPrice = 10,
        MaxPrice = 99.99m,
        Currency = "EUR",
        Attributes = new Dictionary<string, string> { ["color"] = "red" },
        Statuses = [ProductStatus.Active],
    };

    [Theory]
    [MemberData(nameof(FilterNames))]
    public void Every_filter_names_the_tenant(string name) => HasTenant(Render(Filter(name)));

    [Fact]
    public void A_filter_without_a_tenant_cannot_be_built() =>
        Assert.Throws<ArgumentException>(() => MongoProductFilters.ById(Guid.Empty, Guid.CreateVersion7()));

    [Fact]
    public void A_search_renders_each_filter_on_its_stored_field()
    {
        var filter = Render(Filter("searchFull"));
        var terms = filter.TryGetValue("$and", out var and)
            ? and.AsBsonArray.SelectMany(t => t.AsBsonDocument.Elements).ToList()
            : filter.Elements.ToList();
        BsonValue Term(string name) => terms.Single(e => e.Name == name).Value;

        Assert.Equal(new BsonDocument { { "$search", "wireless" }, { "$language", "english" } }, Term("$text"));
        Assert.Equal("^electronics/audio(/|$)", Term("categoryPath").AsBsonRegularExpression.Pattern);
        Assert.Equal(new BsonArray { "Sonor", "Vikra" }, Term("brand")["$in"]);
        var prices = terms.Where(e => e.Name == "price.amount").SelectMany(e => e.Value.AsBsonDocument.Elements).ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal(new BsonDecimal128(10m), prices["$gte"]);
        Assert.Equal(new BsonDecimal128(99.99m), prices["$lte"]);
        Assert.Equal("EUR", Term("price.currency").AsString);
        Assert.Equal("red", Term("attributes.color").AsString);
        Assert.Equal("active", Term("status").AsString);
    }

    [Fact]
    public void The_search_pipeline_matches_the_tenant_first_then_facets_the_matches()
    {
        var pipeline = MongoProductStore.SearchPipeline(Tenant, FullQuery with { Page = 3, PageSize = 10 }, Serializer);
        var stages = pipeline.Render(new RenderArgs<Product>(Serializer, BsonSerializer.SerializerRegistry)).Documents;

        HasTenant(stages[0]["$match"].AsBsonDocument);
        Assert.Equal(new BsonDocument("score", new BsonDocument("$meta", "textScore")), stages[1]["$addFields"].AsBsonDocument);
        var facet = stages[2]["$facet"].AsBsonDocument;
        Assert.Equal(["items", "total", "categories", "brands"], facet.Names);
        var items = facet["items"].AsBsonArray;
        Assert.Equal(new BsonDocument { { "score", new BsonDocument("$meta", "textScore") }, { "_id", -1 } }, items[0]["$sort"].AsBsonDocument);
        Assert.Equal(20, items[1]["$skip"].ToInt64());
        Assert.Equal(10, items[2]["$limit"].ToInt32());
    }

    [Fact]
    public void A_product_round_trips_through_its_bson_shape()
    {
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            TenantId = Tenant,
            Sku = "ELE-1",
            Name = "Headphones",
            Brand = "Sonor",
            CategoryPath = "electronics/audio/headphones",
            Price = new Money(19.99m, "EUR"),
            Attributes = new Dictionary<string, string> { ["color"] = "red" },
            Images = ["https://img.example/1.jpg"],
            Slug = "headphones",
            Status = ProductStatus.Active,
            Rating = new Rating(4.5m, 12),
            CreatedAt = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2030, 1, 2, 12, 0, 0, TimeSpan.Zero),
            Version = 3,
        };

        var bson = product.ToBsonDocument(Serializer);
        var back = BsonSerializer.Deserialize<Product>(bson);

        Assert.Equal(BsonType.Decimal128, bson["price"]["amount"].BsonType);
        Assert.Equal(BsonBinarySubType.UuidStandard, bson["_id"].AsBsonBinaryData.SubType);
        Assert.Equal("active", bson["status"].AsString);
        Assert.Equal("red", bson["attributes"]["color"].AsString);
        Assert.Equal(product.Price, back.Price);
        Assert.Equal(product.Rating, back.Rating);
        Assert.Equal(product.CreatedAt, back.CreatedAt);
        Assert.Equal(product.Attributes, back.Attributes);
        Assert.Equal(product.Status, back.Status);
        Assert.Equal(product.TenantId, back.TenantId);
    }

    [Fact]
    public void Every_product_index_leads_with_the_tenant()
    {
        foreach (var index in MongoCatalogIndexes.Products)
        {
            var keys = index.Keys.Render(new RenderArgs<Product>(Serializer, BsonSerializer.SerializerRegistry));
            Assert.Equal("tenantId", keys.GetElement(0).Name);
        }
    }

    [Fact]
    public void The_text_index_weighs_name_over_brand_over_description()
    {
        var text = MongoCatalogIndexes.Products.Single(i => i.Options.Name == MongoCatalogIndexes.TextIndex);
        var keys = text.Keys.Render(new RenderArgs<Product>(Serializer, BsonSerializer.SerializerRegistry));

        Assert.Equal(["tenantId", "name", "brand", "description"], keys.Names);
        Assert.All(keys.Elements.Skip(1), e => Assert.Equal("text", e.Value.AsString));
        Assert.Equal(10, text.Options.Weights["name"].AsInt32);
        Assert.Equal(5, text.Options.Weights["brand"].AsInt32);
        Assert.Equal(1, text.Options.Weights["description"].AsInt32);
        Assert.Equal("english", text.Options.DefaultLanguage);
    }

    [Fact]
    public void Sku_and_slug_are_unique_within_a_tenant()
    {
        foreach (var name in new[] { MongoCatalogIndexes.UniqueSku, MongoCatalogIndexes.UniqueSlug })
        {
            var index = MongoCatalogIndexes.Products.Single(i => i.Options.Name == name);
            Assert.True(index.Options.Unique);
            Assert.Equal(2, index.Keys.Render(new RenderArgs<Product>(Serializer, BsonSerializer.SerializerRegistry)).ElementCount);
        }
    }
}
