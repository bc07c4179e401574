using System.Net;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Apis.Requests;
using DaprShop.Reviews.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Reviews.Tests;

/// <summary>Every route answers only the caller's tenant: another tenant's ids are 404 (or simply absent), never 403 or 200.</summary>
public sealed class TenantIsolationTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    ReviewsClient Api => reviews.Api;

    [Fact]
    public async Task Another_tenants_review_is_404_on_every_route_and_never_listed_or_counted()
    {
        var owner = reviews.NewUser();
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(owner, product, ReviewsClient.Good(rating: 2));
        var flagged = await Api.ReviewAsync(reviews.NewUser(owner.TenantId), product, ReviewsClient.Good(text: "Short"));
        var stranger = reviews.NewUser();
        var strangerAdmin = reviews.NewAdmin(stranger.TenantId);
        // The stranger even bought the same product id in their own tenant, and reviews it there.
        var theirs = await Api.ReviewAsync(stranger, product, ReviewsClient.Good(rating: 5));

        foreach (var (method, path, user, body) in new (HttpMethod, string, TestUser, object?)[]
        {
            (HttpMethod.Get, $"/api/v1/reviews/me/{review.Id}", stranger, null),
            (HttpMethod.Put, $"/api/v1/reviews/me/{review.Id}", stranger, ReviewsClient.Good()),
            (HttpMethod.Delete, $"/api/v1/reviews/me/{review.Id}", stranger, null),
            (HttpMethod.Put, $"/api/v1/reviews/{review.Id}/helpful", stranger, null),
            (HttpMethod.Get, $"/api/v1/reviews/{review.Id}", strangerAdmin, null),
            (HttpMethod.Post, $"/api/v1/reviews/{flagged.Id}/approve", strangerAdmin, null),
            (HttpMethod.Post, $"/api/v1/reviews/{review.Id}/reject", strangerAdmin, new RejectReviewRequest("mine now")),
        })
            await ProblemAssert.IsProblemAsync(await Api.SendAsync(method, path, user, body), HttpStatusCode.NotFound);

        var listed = await Api.ListAsync(stranger, product);
        Assert.Equal(theirs.Id, Assert.Single(listed.Items).Id);
        var rating = await Api.RatingAsync(stranger, product);
        Assert.Equal((1, 5m), (rating.Count, rating.Average));
        Assert.DoesNotContain((await Api.QueueAsync(strangerAdmin)).Items, r => r.Id == flagged.Id);
        var own = await ReviewsClient.OkAsync<PageView<ReviewResponse>>(await Api.SendAsync(HttpMethod.Get, "/api/v1/reviews/me", stranger));
        Assert.Equal(theirs.Id, Assert.Single(own.Items).Id);

        // Nothing of the owner's tenant moved.
        var ownerRating = await Api.RatingAsync(owner, product);
        Assert.Equal((1, 2m), (ownerRating.Count, ownerRating.Average));
        Assert.Equal("flagged", (await ReviewsClient.OkAsync<ReviewResponse>(
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/{flagged.Id}", reviews.NewAdmin(owner.TenantId)))).Status);
        Assert.Equal(0, (await Api.ListAsync(owner, product)).Items.Single().HelpfulCount);
    }

    [Fact]
    public async Task Another_customers_review_in_the_same_tenant_is_404_for_the_authors_routes()
    {
        var owner = reviews.NewUser();
        var review = await Api.ReviewAsync(owner, Guid.CreateVersion7());
        var neighbour = reviews.NewUser(owner.TenantId);

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/me/{review.Id}", neighbour), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.EditAsync(neighbour, review.Id, ReviewsClient.Good(rating: 1)), HttpStatusCode.NotFound);
        Assert.Equal(5, (await ReviewsClient.OkAsync<ReviewResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/me/{review.Id}", owner))).Rating);
    }

    [Fact]
    public async Task Blocked_words_are_the_tenants_own()
    {
        var admin = reviews.NewAdmin(Guid.CreateVersion7());
        var otherAdmin = reviews.NewAdmin(Guid.CreateVersion7());
        await ReviewsClient.OkAsync<BlockedWordsResponse>(
            await Api.SendAsync(HttpMethod.Put, "/api/v1/reviews/moderation/blocked-words", admin, new BlockedWordsRequest(["gizmo"])));

        var theirs = await ReviewsClient.OkAsync<BlockedWordsResponse>(await Api.SendAsync(HttpMethod.Get, "/api/v1/reviews/moderation/blocked-words", otherAdmin));

        Assert.True(theirs.IsDefault);
        Assert.DoesNotContain("gizmo", theirs.Words);
    }
}
