using System.Net;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Tests.Support;

namespace DaprShop.Reviews.Tests;

/// <summary>With Reviews:AutoApprove=false every review waits for an admin, clean or not.</summary>
public sealed class ModerationQueueTests(QueueAllReviewsService reviews) : IClassFixture<QueueAllReviewsService>
{
    [Fact]
    public async Task A_clean_review_waits_as_pending_until_an_admin_approves_it()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var product = Guid.CreateVersion7();

        var review = await reviews.Api.ReviewAsync(customer, product);

        Assert.Equal("pending", review.Status);
        Assert.Empty((await reviews.Api.ListAsync(customer, product)).Items);
        Assert.Contains((await reviews.Api.QueueAsync(admin)).Items, r => r.Id == review.Id);
        await ReviewsClient.OkAsync<ReviewResponse>(await reviews.Api.ApproveAsync(admin, review.Id));
        Assert.Equal(1, (await reviews.Api.RatingAsync(customer, product)).Count);
        using var again = await reviews.Api.EditAsync(customer, review.Id, ReviewsClient.Good(rating: 3));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, (await reviews.Api.RatingAsync(customer, product)).Count);
    }
}
