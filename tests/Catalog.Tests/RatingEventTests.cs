using System.Text.Json;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Contracts;
using DaprShop.Contracts.Reviews;
using DaprShop.Testing;
using DaprShop.Testing.Hosting;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

/// <summary>
/// The reviews service's <c>ProductRatingChanged</c> sets a product's rating, which search sorts and filters by; a
/// stale or repeated event changes nothing. Published through a <c>reviews</c> sidecar as reviews' outbox relay does.
/// </summary>
public sealed class RatingEventTests(RatingEventTests.Shop shop) : IClassFixture<RatingEventTests.Shop>
{
    public sealed class Shop : IAsyncLifetime
    {
        SampleApp? _reviews;

        public CatalogService Catalog { get; } = new();

        public SampleApp Reviews
        {
            get
            {
                _ = Catalog.Host;
                return _reviews!;
            }
        }

        public async ValueTask InitializeAsync()
        {
            await Catalog.InitializeAsync();
            if (!Catalog.Database.IsAvailable) return;
            _reviews = await SampleApp.StartAsync(Catalog.Host.Cluster, "reviews");
        }

        public async ValueTask DisposeAsync()
        {
            if (_reviews is not null) await _reviews.DisposeAsync();
            await Catalog.DisposeAsync();
        }
    }

    CatalogService Catalog => shop.Catalog;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static ProductRatingChanged Rating(Guid tenant, Guid product, decimal average, int count, long version) =>
        new(product, average, count, [0, 0, 0, count, 0], version)
        {
            TenantId = tenant,
            CorrelationId = "catalog-rating-tests",
            OccurredAt = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero),
        };

    async Task PublishAsync(ProductRatingChanged e)
    {
        await shop.Reviews.Dapr.PublishByteEventAsync(Components.PubSub, Topics.ReviewEvents,
            JsonSerializer.SerializeToUtf8Bytes(e, JsonSerializerOptions.Web), "application/json",
            new Dictionary<string, string> { ["cloudevent.type"] = e.EventType, ["cloudevent.id"] = e.EventId.ToString() }, Ct);
        await Catalog.Host.Cluster.PubSub.WhenIdleAsync(Ct);
    }

    async Task<(decimal Average, int Count, long RatingVersion, long Version)> StoredAsync(Guid id)
    {
        var average = await Catalog.Database.ScalarAsync<decimal>("select rating_average from products where id = $1", id);
        var count = await Catalog.Database.ScalarAsync<int>("select rating_count from products where id = $1", id);
        var ratingVersion = await Catalog.Database.ScalarAsync<long>("select rating_version from products where id = $1", id);
        var version = await Catalog.Database.ScalarAsync<long>("select version from products where id = $1", id);
        return (average, count, ratingVersion, version);
    }

    [Fact]
    public async Task A_rating_event_sets_the_products_rating_which_search_sorts_and_filters_by()
    {
        var t = Catalog.Api.NewTenant();
        var low = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Named("Plain Mug").Request());
        var high = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Named("Fancy Mug").Request());
        var none = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Named("Unrated Mug").Request());

        await PublishAsync(Rating(t.Id, low.Id, 2.5m, 4, 4));
        await PublishAsync(Rating(t.Id, high.Id, 4.75m, 8, 9));

        var byRating = await Catalog.Api.SearchOkAsync(t.CustomerToken, "?sort=rating");
        Assert.Equal([high.Id, low.Id, none.Id], byRating.Items.Select(p => p.Id));
        Assert.Equal((4.75m, 8), (byRating.Items[0].Rating.Average, byRating.Items[0].Rating.Count));
        var atLeastFour = await Catalog.Api.SearchOkAsync(t.CustomerToken, "?minRating=4");
        Assert.Equal([high.Id], atLeastFour.Items.Select(p => p.Id));
        Assert.Equal(3, (await Catalog.Api.SearchOkAsync(t.CustomerToken, "?minRating=0")).Total);
        // The product's own version (its ETag) does not move: the rating is not editable state.
        Assert.Equal(1, (await StoredAsync(high.Id)).Version);
        Assert.Equal(4.75m, (await Catalog.Api.GetOkAsync(t.CustomerToken, high.Id)).Rating.Average);
    }

    [Fact]
    public async Task A_stale_event_arriving_after_a_newer_one_changes_nothing()
    {
        var t = Catalog.Api.NewTenant();
        var p = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Request());

        await PublishAsync(Rating(t.Id, p.Id, 4m, 3, 3));
        await PublishAsync(Rating(t.Id, p.Id, 3m, 2, 2));

        Assert.Equal((4m, 3, 3L, 1L), await StoredAsync(p.Id));
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once_and_a_newer_one_still_applies()
    {
        var t = Catalog.Api.NewTenant();
        var p = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Request());
        var first = Rating(t.Id, p.Id, 5m, 1, 1);

        await PublishAsync(first);
        await PublishAsync(first);
        Assert.Equal((5m, 1, 1L, 1L), await StoredAsync(p.Id));

        await PublishAsync(Rating(t.Id, p.Id, 3m, 2, 2));
        Assert.Equal((3m, 2, 2L, 1L), await StoredAsync(p.Id));
    }

    [Fact]
    public async Task An_event_of_another_tenant_does_not_touch_the_product()
    {
        var t = Catalog.Api.NewTenant();
        var p = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Request());

        await PublishAsync(Rating(Guid.CreateVersion7(), p.Id, 5m, 7, 1));

        Assert.Equal((0m, 0, 0L, 1L), await StoredAsync(p.Id));
    }

    [Fact]
    public async Task An_out_of_range_event_is_dropped_and_an_unknown_product_is_ignored()
    {
        var t = Catalog.Api.NewTenant();
        var p = await Catalog.Api.CreateOkAsync(t.AdminToken, AProduct().Request());
        var bad = Rating(t.Id, p.Id, 7m, 1, 1);

        await PublishAsync(bad);
        await PublishAsync(Rating(t.Id, Guid.CreateVersion7(), 4m, 1, 1));

        Assert.Equal((0m, 0, 0L, 1L), await StoredAsync(p.Id));
        await Eventually.TrueAsync(async () => await Catalog.Database.ScalarAsync<long>(
            "select count(*) from processed_events where \"EventId\" = $1", bad.EventId) == 0, "the dropped event is not recorded as handled");
    }
}
