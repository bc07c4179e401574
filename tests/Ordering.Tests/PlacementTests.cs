using System.Net;
using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>Placing an order: Idempotency-Key, duplicates, the per-user limit, order numbers.</summary>
public sealed class PlacementTests(OrderingService ordering) : IClassFixture<OrderingService>
{
    OrdersClient Api => new(ordering);

    async Task<long> OrdersOfAsync(Buyer buyer) =>
        await ordering.Database.ScalarAsync<long>("select count(*) from orders where customer_id = $1", buyer.UserId);

    [Fact]
    public async Task The_same_key_and_body_sent_again_answers_the_first_order()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        var body = OrdersClient.Body(buyer, (shirt, 1));

        using var first = await Api.PlaceAsync(buyer.Token, body, "key-1");
        using var second = await Api.PlaceAsync(buyer.Token, body, "key-1");

        var a = await OrdersClient.OkAsync<OrderView>(first, HttpStatusCode.Created);
        var b = await OrdersClient.OkAsync<OrderView>(second, HttpStatusCode.Created);
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.Number, b.Number);
        Assert.Equal(1, await OrdersOfAsync(buyer));
    }

    [Fact]
    public async Task Twelve_identical_requests_at_once_with_one_key_place_one_order()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 50);
        var body = OrdersClient.Body(buyer, (shirt, 1));
        var barrier = new Barrier(12);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            return await Api.PlaceAsync(buyer.Token, body, "same-key");
        })));

        var orders = await Task.WhenAll(responses.Select(r => OrdersClient.OkAsync<OrderView>(r, HttpStatusCode.Created)));
        Assert.Single(orders.Select(o => o.Id).Distinct());
        Assert.Equal(1, await OrdersOfAsync(buyer));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_places_nothing()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        using var first = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 1)), "key-2");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 2)), "key-2");

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/idempotency-key-reused");
        Assert.Equal(1, await OrdersOfAsync(buyer));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        using var first = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 1)), "key-3");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        ordering.Host.Clock!.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        using var again = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 2)), "key-3");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task The_same_order_under_another_key_moments_later_is_a_duplicate_naming_the_first()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 5);
        var first = await Api.PlaceOkAsync(buyer, (shirt, 1));

        using var again = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 1)));

        var problem = await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/duplicate-order");
        Assert.Equal(first.Id, problem.Body.GetProperty("orderId").GetGuid());
        ordering.Host.Clock!.Advance(TimeSpan.FromMinutes(3));
        using var later = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 1)));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task The_eleventh_placement_in_a_minute_is_a_429_with_retry_after()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 1m, stock: 100);
        for (var i = 1; i <= 10; i++)
        {
            using var ok = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, i)));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var refused = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 11)));

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(10, await OrdersOfAsync(buyer));
    }

    [Fact]
    public async Task Order_numbers_drawn_at_once_are_all_different()
    {
        var tenant = Guid.CreateVersion7();
        var buyers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ordering.NewBuyerAsync(tenant)));
        var shirt = await ordering.NewProductAsync(tenant, 1m, stock: 100);
        var barrier = new Barrier(buyers.Length);

        var orders = await Task.WhenAll(buyers.Select(b => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            using var r = await Api.PlaceAsync(b.Token, OrdersClient.Body(b, (shirt, 1)));
            return await OrdersClient.OkAsync<OrderView>(r, HttpStatusCode.Created);
        })));

        Assert.Equal(8, orders.Select(o => o.Number).Distinct().Count());
        var year = ordering.Now.Year;
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"DS-{year}-{n:000000}"), orders.Select(o => o.Number).Order());
    }
}
