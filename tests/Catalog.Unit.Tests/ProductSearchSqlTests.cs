using DaprShop.Catalog.Data.Postgres;
using DaprShop.Catalog.Domain;
using NpgsqlTypes;

namespace DaprShop.Catalog.UnitTests;

public sealed class ProductSearchSqlTests
{
    static readonly Guid Tenant = Guid.Parse("01930000-0000-7000-8000-0000000000aa");

    static object? Param(ProductSearchSql.Command c, string name) => c.Parameters.Single(p => p.ParameterName == name).Value;

    [Fact]
    public void The_tenant_is_always_the_first_predicate()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery());

        Assert.Contains("WHERE p.tenant_id = @tenant", command.Sql);
        Assert.Equal(Tenant, Param(command, "tenant"));
        Assert.Equal(NpgsqlDbType.Uuid, command.Parameters[0].NpgsqlDbType);
    }

    [Fact]
    public void A_search_without_a_tenant_cannot_be_built() =>
        Assert.Throws<ArgumentException>(() => ProductSearchSql.Build(Guid.Empty, new ProductQuery()));

    [Fact]
    public void Text_is_matched_with_websearch_syntax_and_ranked()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery { Text = "  noise cancelling  " });

        Assert.Contains("websearch_to_tsquery('english', @text)", command.Sql);
        Assert.Contains("p.search_vector @@ q.query", command.Sql);
        Assert.Contains("ts_rank(p.search_vector, q.query) AS rank", command.Sql);
        Assert.Contains("ORDER BY m.rank DESC, m.id DESC", command.Sql);
        Assert.Equal("noise cancelling", Param(command, "text"));
    }

    [Fact]
    public void Without_text_there_is_no_rank_and_relevance_means_newest()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery { Sort = ProductSort.Relevance });

        Assert.DoesNotContain("rank", command.Sql);
        Assert.Contains("ORDER BY m.created_at DESC, m.id DESC", command.Sql);
    }

    [Fact]
    public void A_category_matches_itself_and_its_subtree_by_prefix()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery { Category = "electronics/audio" });

        Assert.Contains("(p.category_path || '/') LIKE @categoryPrefix", command.Sql);
        Assert.Equal("electronics/audio/%", Param(command, "categoryPrefix"));
    }

    [Fact]
    public void Filters_travel_as_parameters_never_as_sql_text()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery
        {
            Brands = ["O'Brien"],
            MinPrice = 10,
            MaxPrice = 20,
            Currency = "EUR",
            Attributes = new Dictionary<string, string> { ["color"] = "red'; drop table products; --" },
            Statuses = [ProductStatus.Active, ProductStatus.Draft],
        });

        Assert.DoesNotContain("O'Brien", command.Sql);
        Assert.DoesNotContain("drop table", command.Sql);
        Assert.Equal("O'Brien", Param(command, "brand"));
        Assert.Equal("{\"color\":\"red\\u0027; drop table products; --\"}", Param(command, "attributes"));
        Assert.Equal(NpgsqlDbType.Jsonb, command.Parameters.Single(p => p.ParameterName == "attributes").NpgsqlDbType);
        Assert.Equal(new[] { "active", "draft" }, Param(command, "statuses"));
        Assert.Contains("p.price_amount >= @minPrice", command.Sql);
        Assert.Contains("p.price_amount <= @maxPrice", command.Sql);
        Assert.Contains("p.price_currency = @currency", command.Sql);
        Assert.Contains("p.attributes @> @attributes", command.Sql);
    }

    [Theory]
    [InlineData(ProductSort.PriceAscending, "m.price_amount ASC, m.id ASC")]
    [InlineData(ProductSort.PriceDescending, "m.price_amount DESC, m.id DESC")]
    [InlineData(ProductSort.Newest, "m.created_at DESC, m.id DESC")]
    [InlineData(ProductSort.Rating, "m.rating_average DESC, m.rating_count DESC, m.id DESC")]
    public void Each_sort_ends_on_the_id_so_pages_are_stable(ProductSort sort, string order) =>
        Assert.Contains("ORDER BY " + order + " LIMIT @limit OFFSET @offset", ProductSearchSql.Build(Tenant, new ProductQuery { Sort = sort }).Sql);

    [Fact]
    public void Paging_is_a_limit_and_a_long_offset()
    {
        var command = ProductSearchSql.Build(Tenant, new ProductQuery { Page = 1_000_000, PageSize = 100 });

        Assert.Equal(100, Param(command, "limit"));
        Assert.Equal(99_999_900L, Param(command, "offset"));
        Assert.IsType<long>(Param(command, "offset"));
    }
}
