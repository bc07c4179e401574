using System.Net;
using System.Text.Json;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Tests.Support;

namespace DaprShop.Reviews.Tests;

/// <summary>The database decides: the same request N times at once, released together behind a barrier.</summary>
public sealed class ConcurrencyTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    const int N = 8;

    ReviewsClient Api => reviews.Api;

    static async Task<HttpResponseMessage[]> AllAtOnceAsync(int n, Func<int, Task<HttpResponseMessage>> send)
    {
        using var barrier = new Barrier(n);
        var tasks = Enumerable.Range(0, n).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            return await send(i);
        })).ToList();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Concurrent_approvals_of_different_reviews_of_one_product_give_the_right_count_average_and_distribution()
    {
        var tenant = Guid.CreateVersion7();
        var admin = reviews.NewAdmin(tenant);
        var product = Guid.CreateVersion7();
        var ratings = new[] { 1, 2, 3, 4, 5, 5, 4, 4 };
        var flagged = new List<ReviewResponse>();
        foreach (var rating in ratings)
        {
            var author = reviews.NewUser(tenant);
            flagged.Add(await Api.ReviewAsync(author, product, ReviewsClient.Good(rating: rating, text: "Short")));
        }

        var responses = await AllAtOnceAsync(ratings.Length, i => Api.ApproveAsync(admin, flagged[i].Id));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var summary = await Api.RatingAsync(admin, product);
        Assert.Equal(8, summary.Count);
        Assert.Equal(3.5m, summary.Average);
        Assert.Equal([1, 1, 1, 3, 2], summary.Distribution);
        Assert.Equal(8, summary.Version);
        // The newest event carries the final summary.
        using var latest = JsonDocument.Parse(await reviews.LatestRatingEventAsync(product));
        Assert.Equal(8, latest.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(3.5m, latest.RootElement.GetProperty("average").GetDecimal());
        Assert.Equal(8, await reviews.CountEventsAsync("ProductRatingChanged", product));
    }

    [Fact]
    public async Task Concurrent_approvals_of_one_review_count_it_once()
    {
        var customer = reviews.NewUser();
        var admins = Enumerable.Range(0, N).Select(_ => reviews.NewAdmin(customer.TenantId)).ToList();
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(text: "Short"));

        var responses = await AllAtOnceAsync(N, i => Api.ApproveAsync(admins[i], review.Id));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(N - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, (await Api.RatingAsync(customer, product)).Count);
        Assert.Equal(1, await reviews.CountEventsAsync("ReviewApproved", product));
    }

    [Fact]
    public async Task Concurrent_helpful_votes_of_one_user_count_once()
    {
        var author = reviews.NewUser();
        var voter = reviews.NewUser(author.TenantId);
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(author, product);

        var responses = await AllAtOnceAsync(N, _ => Api.VoteAsync(voter, review.Id));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, (await Api.ListAsync(voter, product)).Items.Single().HelpfulCount);
        Assert.Equal(1, await reviews.Database.ScalarAsync<long>("select count(*) from helpful_votes where review_id = $1", review.Id));
    }

    [Fact]
    public async Task Concurrent_first_reviews_of_one_customer_and_product_make_one_review()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, product);

        var responses = await AllAtOnceAsync(N, i => Api.CreateAsync(customer, product, ReviewsClient.Good(rating: 1 + (i % 5))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(N - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await reviews.Database.ScalarAsync<long>("select count(*) from reviews where product_id = $1", product));
        Assert.Equal(1, (await Api.RatingAsync(customer, product)).Count);
    }
}
