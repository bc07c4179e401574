using System.Net;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Tests.Support;
using DaprShop.Testing;

namespace DaprShop.Reviews.Tests;

/// <summary>Verified purchasers are learned from ordering's OrderDelivered, whatever pub/sub does with it.</summary>
public sealed class PurchaseEventTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redelivered_OrderDelivered_records_one_purchase()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        var delivered = ReviewsService.Delivered(customer, product);

        for (var i = 0; i < 3; i++) await reviews.PublishAsync(delivered);
        await reviews.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal(1, await reviews.CountPurchasesAsync(customer.UserId));
    }

    [Fact]
    public async Task Two_delivered_orders_of_the_same_product_and_a_repeated_line_leave_one_purchase_per_product()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();

        await reviews.PublishAsync(ReviewsService.Delivered(customer, product, product, other));
        await reviews.PublishAsync(ReviewsService.Delivered(customer, product));
        await reviews.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal(2, await reviews.CountPurchasesAsync(customer.UserId));
        using var created = await reviews.Api.CreateAsync(customer, product, ReviewsClient.Good());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task A_purchase_counts_only_in_the_tenant_of_the_event()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, product);
        // The same user id, signed in to another tenant, has bought nothing there.
        var elsewhere = reviews.NewUser() with { UserId = customer.UserId };
        elsewhere = elsewhere with { Token = reviews.Identity.Token(elsewhere.TenantId, customer.UserId, ["customer"], reviews.Now, lifetime: TimeSpan.FromDays(1)) };

        using var response = await reviews.Api.CreateAsync(elsewhere, product, ReviewsClient.Good());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_OrderDelivered_without_a_customer_is_dropped_and_records_nothing()
    {
        var customer = reviews.NewUser();
        var bad = ReviewsService.Delivered(customer, Guid.CreateVersion7()) with { CustomerId = Guid.Empty };

        await reviews.PublishAsync(bad);
        await reviews.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal(0, await reviews.Database.ScalarAsync<long>("select count(*) from purchases where order_id = $1", bad.OrderId));
        await Eventually.TrueAsync(async () => await reviews.Database.ScalarAsync<long>(
            "select count(*) from processed_events where \"EventId\" = $1", bad.EventId) == 0, "the dropped event is not recorded as handled");
    }
}
