using System.Net;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

/// <summary>Search through the HTTP API on one small tenant catalogue, created once for the class.</summary>
public sealed class SearchTests(SearchTests.Shop shop) : IClassFixture<SearchTests.Shop>
{
    public sealed class Shop : IAsyncLifetime
    {
        public CatalogService Catalog { get; } = new();
        public TestTenant Tenant { get; private set; } = null!;
        public Dictionary<string, ProductView> Products { get; } = [];

        public async ValueTask InitializeAsync()
        {
            await Catalog.InitializeAsync();
            if (!Catalog.Database.IsAvailable) return;
            var api = Catalog.Api;
            Tenant = api.NewTenant();
            async Task Add(string key, ProductBuilder p)
            {
                Products[key] = await api.CreateOkAsync(Tenant.AdminToken, p.Request());
                Catalog.Clock.Advance(TimeSpan.FromMinutes(1)); // distinct creation times for "newest"
            }
            await Add("headphones", AProduct().Named("Sonor Wireless Headphones").OfBrand("Sonor").InCategory("electronics/audio/headphones").Priced(199).With("color", "black"));
            await Add("earbuds", AProduct().Named("Sonor Sport Earbuds").OfBrand("Sonor").InCategory("electronics/audio/earbuds").Priced(79).With("color", "red"));
            await Add("speaker", AProduct().Named("Vikra Bookshelf Speaker").Described("Pairs with any wireless headphones dock.").OfBrand("Vikra")
                .InCategory("electronics/audio/speakers").Priced(349).With("color", "red"));
            await Add("laptop", AProduct().Named("Vikra Ultrabook 14").OfBrand("Vikra").InCategory("electronics/computers/laptops").Priced(1299).With("color", "silver"));
            await Add("pan", AProduct().Named("Ferro Cast Iron Pan").Described("Heavy pan for the kitchen.").OfBrand("Ferro").InCategory("home/kitchen/cookware")
                .Priced(49.5m).With("color", "black"));
            await Add("draft", AProduct().Named("Sonor Prototype Headphones").OfBrand("Sonor").InCategory("electronics/audio/headphones").Priced(999).Draft());
            // Ratings arrive from reviews later; here they are set in the table directly.
            await Catalog.Database.ExecuteAsync("update products set rating_average = 4.8, rating_count = 10 where id = $1", Products["pan"].Id);
            await Catalog.Database.ExecuteAsync("update products set rating_average = 4.1, rating_count = 99 where id = $1", Products["earbuds"].Id);
        }

        public ValueTask DisposeAsync() => Catalog.DisposeAsync();
    }

    CatalogApi Api => shop.Catalog.Api;
    string Customer => shop.Tenant.CustomerToken;

    async Task<string[]> SkusOf(string query, string? token = null) =>
        [.. (await Api.SearchOkAsync(token ?? Customer, query)).Items.Select(i => Key(i.Id))];

    string Key(Guid id) => shop.Products.Single(p => p.Value.Id == id).Key;

    [Fact]
    public async Task Text_matches_name_brand_and_description_and_a_name_match_ranks_first()
    {
        Assert.Equal(["headphones", "speaker"], await SkusOf("?q=wireless+headphones"));
        Assert.Equal(["pan"], await SkusOf("?q=kitchen"));
        Assert.Equal(["laptop", "speaker"], (await SkusOf("?q=vikra")).Order());
    }

    [Fact]
    public async Task A_category_includes_its_whole_subtree()
    {
        Assert.Equal(["earbuds", "headphones", "laptop", "speaker"], (await SkusOf("?category=electronics")).Order());
        Assert.Equal(["earbuds", "headphones", "speaker"], (await SkusOf("?category=electronics/audio")).Order());
        Assert.Equal(["earbuds"], await SkusOf("?category=electronics/audio/earbuds"));
        Assert.Empty(await SkusOf("?category=electronics/aud"));
    }

    [Fact]
    public async Task Brand_price_range_and_attributes_filter_together()
    {
        Assert.Equal(["earbuds", "headphones"], (await SkusOf("?brand=Sonor")).Order());
        Assert.Equal(["earbuds", "pan"], (await SkusOf("?minPrice=49.5&maxPrice=100")).Order());
        Assert.Equal(["earbuds", "speaker"], (await SkusOf("?attr.color=red")).Order());
        Assert.Equal(["speaker"], await SkusOf("?attr.color=red&brand=Vikra&minPrice=100"));
        Assert.Empty(await SkusOf("?attr.color=red&currency=USD"));
    }

    [Fact]
    public async Task Results_sort_by_price_newest_and_rating()
    {
        Assert.Equal(["pan", "earbuds", "headphones", "speaker", "laptop"], await SkusOf("?sort=price"));
        Assert.Equal(["laptop", "speaker", "headphones", "earbuds", "pan"], await SkusOf("?sort=-price"));
        Assert.Equal(["pan", "laptop", "speaker", "earbuds", "headphones"], await SkusOf("?sort=newest"));
        Assert.Equal(["pan", "earbuds"], (await SkusOf("?sort=rating"))[..2]);
    }

    [Fact]
    public async Task Pages_carry_the_total_and_facets_count_all_matches()
    {
        var page = await Api.SearchOkAsync(Customer, "?sort=price&page=2&pageSize=2");

        Assert.Equal(5, page.Total);
        Assert.Equal(2, page.Page);
        Assert.Equal(["headphones", "speaker"], page.Items.Select(i => Key(i.Id)));
        Assert.Equal([new FacetView("Sonor", 2), new FacetView("Vikra", 2), new FacetView("Ferro", 1)], page.Facets.Brands);
        Assert.Equal(5, page.Facets.Categories.Sum(c => c.Count));
        Assert.Contains(new FacetView("electronics/audio/headphones", 1), page.Facets.Categories);
        Assert.Empty((await Api.SearchOkAsync(Customer, "?page=99")).Items);
        Assert.Equal(5, (await Api.SearchOkAsync(Customer, "?page=99")).Total);
    }

    [Fact]
    public async Task Admins_search_every_status_and_may_filter_by_it()
    {
        Assert.Equal(6, (await Api.SearchOkAsync(shop.Tenant.AdminToken)).Total);
        Assert.Equal(["draft"], await SkusOf("?status=draft", shop.Tenant.AdminToken));
        Assert.DoesNotContain("draft", await SkusOf("?q=headphones"));
    }

    [Fact]
    public async Task A_summary_carries_what_a_listing_shows()
    {
        var item = (await Api.SearchOkAsync(Customer, "?q=ultrabook")).Items.Single();

        Assert.Equal(shop.Products["laptop"].Sku, item.Sku);
        Assert.Equal(new MoneyView(1299, "EUR"), item.Price);
        Assert.Equal("https://images.example/headphones.jpg", item.Image);
        Assert.Equal("active", item.Status);
    }

    [Theory]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?minPrice=-5", "minPrice")]
    [InlineData("?sort=cheap", "sort")]
    [InlineData("?status=draft", "status")]
    [InlineData("?category=../etc", "category")]
    [InlineData("?attr.a$b=1", "attr.a$b")]
    [InlineData("?q=%00", "q")]
    public async Task Bad_search_parameters_are_validation_problems(string query, string field) =>
        await ProblemAssert.IsValidationProblemAsync(await Api.SearchAsync(Customer, query), field);

    [Fact]
    public async Task Text_that_is_only_punctuation_or_stop_words_finds_nothing_instead_of_failing()
    {
        Assert.Empty(await SkusOf("?q=%22%27%28%29%3A%26%7C%21"));
        Assert.Empty(await SkusOf("?q=the"));
    }
}
