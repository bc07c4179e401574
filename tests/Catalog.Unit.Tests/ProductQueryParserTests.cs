using DaprShop.Catalog.Apis;
using DaprShop.Catalog.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace DaprShop.Catalog.UnitTests;

public sealed class ProductQueryParserTests
{
    static ProductQueryParse Parse(string query, bool admin = false) => ProductQueryParser.Parse(QueryHelpers.ParseQuery(query), admin);

    static ProductQuery Valid(string query, bool admin = false)
    {
        var parsed = Parse(query, admin);
        Assert.True(parsed.Query is not null, "errors: " + string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return parsed.Query!;
    }

    static void Invalid(string query, string field, bool admin = false)
    {
        var parsed = Parse(query, admin);
        Assert.Null(parsed.Query);
        Assert.Contains(field, parsed.Errors.Keys);
    }

    [Fact]
    public void No_parameters_is_the_first_page_of_active_products_newest_first()
    {
        var q = Valid("");

        Assert.Equal(1, q.Page);
        Assert.Equal(20, q.PageSize);
        Assert.Equal([ProductStatus.Active], q.Statuses);
        Assert.Equal(ProductSort.Newest, q.EffectiveSort);
        Assert.False(q.HasText);
    }

    [Fact]
    public void Every_filter_is_read()
    {
        var q = Valid("?q=wireless+headphones&category=electronics/audio/&brand=Sonor&brand=Vikra&minPrice=10&maxPrice=99.99&currency=EUR" +
                      "&attr.color=red&attr.connectivity=bluetooth&sort=-price&page=3&pageSize=50");

        Assert.Equal("wireless headphones", q.Text);
        Assert.Equal("electronics/audio", q.Category);
        Assert.Equal(["Sonor", "Vikra"], q.Brands);
        Assert.Equal(10m, q.MinPrice);
        Assert.Equal(99.99m, q.MaxPrice);
        Assert.Equal("EUR", q.Currency);
        Assert.Equal("red", q.Attributes["color"]);
        Assert.Equal("bluetooth", q.Attributes["connectivity"]);
        Assert.Equal(ProductSort.PriceDescending, q.Sort);
        Assert.Equal(100, q.Offset);
    }

    [Theory]
    [InlineData("relevance", ProductSort.Relevance)]
    [InlineData("price", ProductSort.PriceAscending)]
    [InlineData("-price", ProductSort.PriceDescending)]
    [InlineData("newest", ProductSort.Newest)]
    [InlineData("rating", ProductSort.Rating)]
    public void Each_sort_is_understood(string name, ProductSort sort) => Assert.Equal(sort, Valid("?sort=" + Uri.EscapeDataString(name)).Sort);

    [Fact]
    public void Relevance_ranks_by_text_and_falls_back_to_newest_without_text()
    {
        Assert.Equal(ProductSort.Relevance, Valid("?q=tent").EffectiveSort);
        Assert.Equal(ProductSort.Newest, Valid("?sort=relevance").EffectiveSort);
    }

    [Fact]
    public void Customers_see_active_products_whatever_they_ask()
    {
        Assert.Equal([ProductStatus.Active], Valid("?status=active").Statuses);
        Invalid("?status=draft", "status");
        Invalid("?status=archived", "status");
    }

    [Fact]
    public void Admins_see_every_status_unless_they_filter()
    {
        Assert.Empty(Valid("", admin: true).Statuses);
        Assert.Equal([ProductStatus.Draft, ProductStatus.Archived], Valid("?status=draft&status=archived", admin: true).Statuses);
        Invalid("?status=deleted", "status", admin: true);
    }

    [Theory]
    [InlineData("?minRating=4", 4)]
    [InlineData("?minRating=3.5", 3.5)]
    [InlineData("?minRating=0", 0)]
    public void A_minimum_rating_from_0_to_5_filters(string query, double expected) =>
        Assert.Equal((decimal)expected, Valid(query).MinRating);

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-1", "page")]
    [InlineData("?page=99999999999", "page")]
    [InlineData("?page=1000001", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?minPrice=-1", "minPrice")]
    [InlineData("?minPrice=1e3", "minPrice")]
    [InlineData("?maxPrice=99999999999999999999999", "maxPrice")]
    [InlineData("?minPrice=50&maxPrice=10", "maxPrice")]
    [InlineData("?minRating=5.5", "minRating")]
    [InlineData("?minRating=-1", "minRating")]
    [InlineData("?minRating=four", "minRating")]
    [InlineData("?minRating=99999999999999999999999999999999", "minRating")]
    [InlineData("?currency=eur", "currency")]
    [InlineData("?sort=cheapest", "sort")]
    [InlineData("?category=Electronics", "category")]
    [InlineData("?category=a%25b", "category")]
    [InlineData("?attr.Color=red", "attr.Color")]
    [InlineData("?attr.a.b=red", "attr.a.b")]
    [InlineData("?attr.$where=1", "attr.$where")]
    [InlineData("?q=a&q=b", "q")]
    [InlineData("?q=%00drop", "q")]
    [InlineData("?attr.color=re%00d", "attr.color")]
    public void Bad_parameters_are_field_level_errors(string query, string field) => Invalid(query, field);

    [Fact]
    public void Text_is_bounded() => Invalid("?q=" + new string('a', ProductQueryParser.MaxTextLength + 1), "q");

    [Fact]
    public void Attribute_filters_are_bounded() =>
        Invalid(string.Concat(Enumerable.Range(0, ProductQueryParser.MaxAttributeFilters + 1).Select(i => $"&attr.k{i}=v")).Insert(0, "?"), "attr");

    [Fact]
    public void Unknown_parameters_are_ignored() => Assert.NotNull(Parse("?_=12345&utm_source=mail").Query);

    [Fact]
    public void Empty_values_are_no_filter()
    {
        var q = Valid("?q=&category=&brand=&minPrice=&attr.color=");

        Assert.False(q.HasText);
        Assert.Null(q.Category);
        Assert.Empty(q.Brands);
        Assert.Null(q.MinPrice);
        Assert.Empty(q.Attributes);
    }
}
