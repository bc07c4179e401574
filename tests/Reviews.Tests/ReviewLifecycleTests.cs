using System.Net;
using DaprShop.Reviews.Apis;
using DaprShop.Reviews.Apis.Requests;
using DaprShop.Reviews.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Reviews.Tests;

/// <summary>A verified purchaser's review from submission to the public list and the product's rating, and back out.</summary>
public sealed class ReviewLifecycleTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    ReviewsClient Api => reviews.Api;

    [Fact]
    public async Task A_clean_review_of_a_purchaser_is_approved_at_once_shown_and_counted()
    {
        var customer = reviews.NewUser();
        var reader = reviews.NewUser(customer.TenantId);
        var product = Guid.CreateVersion7();

        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(rating: 4));

        Assert.Equal("approved", review.Status);
        Assert.Empty(review.Flags);
        var page = await Api.ListAsync(reader, product);
        Assert.Equal(review.Id, Assert.Single(page.Items).Id);
        Assert.True(page.Items[0].VerifiedPurchase);
        var rating = await Api.RatingAsync(reader, product);
        Assert.Equal(1, rating.Count);
        Assert.Equal(4m, rating.Average);
        Assert.Equal([0, 0, 0, 1, 0], rating.Distribution);
        Assert.Equal(1, await reviews.CountEventsAsync("ReviewApproved", product));
        Assert.Equal(1, await reviews.CountEventsAsync("ProductRatingChanged", product));
    }

    [Fact]
    public async Task Someone_who_never_received_the_product_gets_403_and_nothing_is_written()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, Guid.CreateVersion7()); // a purchaser of something else

        await ProblemAssert.IsProblemAsync(await Api.CreateAsync(customer, product, ReviewsClient.Good()), HttpStatusCode.Forbidden,
            ReviewsProblems.NotAPurchaser);
        Assert.Equal(0, await reviews.Database.ScalarAsync<long>("select count(*) from reviews where product_id = $1", product));
    }

    [Fact]
    public async Task A_second_review_of_the_same_product_is_409_and_the_first_stays()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        var first = await Api.ReviewAsync(customer, product);

        await ProblemAssert.IsProblemAsync(await Api.CreateAsync(customer, product, ReviewsClient.Good(rating: 1)), HttpStatusCode.Conflict,
            ReviewsProblems.AlreadyReviewed);
        var rating = await Api.RatingAsync(customer, product);
        Assert.Equal(1, rating.Count);
        Assert.Equal(5m, rating.Average);
        Assert.Equal(first.Id, Assert.Single((await Api.ListAsync(customer, product)).Items).Id);
    }

    [Theory]
    [InlineData("Visit https://cheap.example/deal for more", "link")]
    [InlineData("Buy at cheapstuff.com instead, it is better", "link")]
    [InlineData("This is a total SCAM, do not trust the seller at all", "blocked-word")]
    [InlineData("Meh.", "too-short")]
    public async Task Screening_flags_links_blocked_words_and_short_texts_for_the_admin_queue(string text, string flag)
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var product = Guid.CreateVersion7();

        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(text: text));

        Assert.Equal("flagged", review.Status);
        Assert.Contains(flag, review.Flags);
        Assert.Empty((await Api.ListAsync(customer, product)).Items);
        Assert.Equal(0, (await Api.RatingAsync(customer, product)).Count);
        Assert.Contains((await Api.QueueAsync(admin)).Items, r => r.Id == review.Id);
        Assert.Equal(0, await reviews.CountEventsAsync("ReviewApproved", product));
    }

    [Fact]
    public async Task An_admin_approves_a_flagged_review_which_then_shows_and_counts_and_a_second_approval_is_409()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(rating: 2, text: "Short."));

        var approved = await ReviewsClient.OkAsync<ReviewResponse>(await Api.ApproveAsync(admin, review.Id));

        Assert.Equal("approved", approved.Status);
        Assert.Single((await Api.ListAsync(customer, product)).Items);
        Assert.Equal([0, 1, 0, 0, 0], (await Api.RatingAsync(customer, product)).Distribution);
        Assert.DoesNotContain((await Api.QueueAsync(admin)).Items, r => r.Id == review.Id);
        await ProblemAssert.IsProblemAsync(await Api.ApproveAsync(admin, review.Id), HttpStatusCode.Conflict, ReviewsProblems.ReviewState);
        Assert.Equal(1, (await Api.RatingAsync(customer, product)).Count);
    }

    [Fact]
    public async Task A_rejection_carries_its_reason_to_the_author_and_taking_down_an_approved_review_uncounts_it()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(rating: 3));
        Assert.Equal(1, (await Api.RatingAsync(customer, product)).Count);

        var rejected = await ReviewsClient.OkAsync<ReviewResponse>(await Api.RejectAsync(admin, review.Id, "  Mentions a competitor  "));

        Assert.Equal("rejected", rejected.Status);
        var own = await ReviewsClient.OkAsync<ReviewResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/me/{review.Id}", customer));
        Assert.Equal("Mentions a competitor", own.RejectionReason);
        Assert.Empty((await Api.ListAsync(customer, product)).Items);
        var rating = await Api.RatingAsync(customer, product);
        Assert.Equal((0, 0m, 2L), (rating.Count, rating.Average, rating.Version));
        await ProblemAssert.IsProblemAsync(await Api.RejectAsync(admin, review.Id), HttpStatusCode.Conflict, ReviewsProblems.ReviewState);
    }

    [Fact]
    public async Task An_edit_goes_back_through_screening_and_leaves_the_rating_until_approved_again()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(customer, product, ReviewsClient.Good(rating: 5));

        var edited = await ReviewsClient.OkAsync<ReviewResponse>(
            await Api.EditAsync(customer, review.Id, ReviewsClient.Good(rating: 1, text: "Broke after a week, see www.example.org for mine")));

        Assert.Equal("flagged", edited.Status);
        Assert.Equal(1, edited.Rating);
        Assert.Empty((await Api.ListAsync(customer, product)).Items);
        Assert.Equal(0, (await Api.RatingAsync(customer, product)).Count);

        await ReviewsClient.OkAsync<ReviewResponse>(await Api.ApproveAsync(admin, review.Id));
        var rating = await Api.RatingAsync(customer, product);
        Assert.Equal((1, 1m), (rating.Count, rating.Average));

        var clean = await ReviewsClient.OkAsync<ReviewResponse>(await Api.EditAsync(customer, review.Id, ReviewsClient.Good(rating: 4)));
        Assert.Equal("approved", clean.Status);
        rating = await Api.RatingAsync(customer, product);
        Assert.Equal((1, 4m), (rating.Count, rating.Average));
        Assert.Equal([0, 0, 0, 1, 0], rating.Distribution);
    }

    [Fact]
    public async Task The_author_deletes_their_review_and_the_product_rating_forgets_it()
    {
        var customer = reviews.NewUser();
        var other = reviews.NewUser(customer.TenantId);
        var product = Guid.CreateVersion7();
        var mine = await Api.ReviewAsync(customer, product, ReviewsClient.Good(rating: 1));
        await Api.ReviewAsync(other, product, ReviewsClient.Good(rating: 5));
        await Api.VoteAsync(other, mine.Id);

        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/me/{mine.Id}", other), HttpStatusCode.NotFound);
        using var deleted = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/me/{mine.Id}", customer);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var rating = await Api.RatingAsync(customer, product);
        Assert.Equal((1, 5m), (rating.Count, rating.Average));
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/me/{mine.Id}", customer), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Delete, $"/api/v1/reviews/me/{mine.Id}", customer), HttpStatusCode.NotFound);
        // Deleted, the customer may write a new one.
        await ReviewsClient.OkAsync<ReviewResponse>(await Api.CreateAsync(customer, product, ReviewsClient.Good(rating: 2)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_tenant_sets_its_own_blocked_words_which_replace_the_default_list()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var before = await ReviewsClient.OkAsync<BlockedWordsResponse>(await Api.SendAsync(HttpMethod.Get, "/api/v1/reviews/moderation/blocked-words", admin));
        Assert.True(before.IsDefault);

        await ReviewsClient.OkAsync<BlockedWordsResponse>(
            await Api.SendAsync(HttpMethod.Put, "/api/v1/reviews/moderation/blocked-words", admin, new BlockedWordsRequest(["Rival Brand"])));

        var flagged = await Api.ReviewAsync(customer, Guid.CreateVersion7(), ReviewsClient.Good(text: "Better than anything from rival brand, honestly."));
        Assert.Equal(["blocked-word"], flagged.Flags);
        var notBlockedAnyMore = await Api.ReviewAsync(customer, Guid.CreateVersion7(), ReviewsClient.Good(text: "Not a scam at all, works as described."));
        Assert.Equal("approved", notBlockedAnyMore.Status);
        // Another tenant still has the default list.
        var elsewhere = reviews.NewUser();
        var scam = await Api.ReviewAsync(elsewhere, Guid.CreateVersion7(), ReviewsClient.Good(text: "Not a scam at all, works as described."));
        Assert.Equal("flagged", scam.Status);
    }

    [Fact]
    public async Task The_public_list_pages_newest_first_or_most_helpful_first()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var authors = Enumerable.Range(0, 3).Select(_ => reviews.NewUser(tenant)).ToList();
        var written = new List<ReviewResponse>();
        foreach (var author in authors)
        {
            written.Add(await Api.ReviewAsync(author, product));
            reviews.Host.Clock!.Advance(TimeSpan.FromMinutes(1));
        }
        var voters = Enumerable.Range(0, 2).Select(_ => reviews.NewUser(tenant)).ToList();
        foreach (var voter in voters) await ReviewsClient.OkAsync<PublicReviewResponse>(await Api.VoteAsync(voter, written[0].Id));
        await ReviewsClient.OkAsync<PublicReviewResponse>(await Api.VoteAsync(voters[0], written[1].Id));

        var newest = await Api.ListAsync(voters[0], product, "?pageSize=2");
        Assert.Equal([written[2].Id, written[1].Id], newest.Items.Select(r => r.Id));
        Assert.Equal(3, newest.Total);
        var helpful = await Api.ListAsync(voters[0], product, "?sort=helpful");
        Assert.Equal([written[0].Id, written[1].Id, written[2].Id], helpful.Items.Select(r => r.Id));
        Assert.Equal([2, 1, 0], helpful.Items.Select(r => r.HelpfulCount));
    }

    [Fact]
    public async Task One_cannot_vote_on_ones_own_review_nor_on_one_not_approved()
    {
        var customer = reviews.NewUser();
        var other = reviews.NewUser(customer.TenantId);
        var product = Guid.CreateVersion7();
        var review = await Api.ReviewAsync(customer, product);
        var flagged = await Api.ReviewAsync(other, product, ReviewsClient.Good(text: "Too short"));

        await ProblemAssert.IsProblemAsync(await Api.VoteAsync(customer, review.Id), HttpStatusCode.Forbidden, ReviewsProblems.OwnReview);
        await ProblemAssert.IsProblemAsync(await Api.VoteAsync(customer, flagged.Id), HttpStatusCode.NotFound);
        Assert.Equal(0, (await Api.ListAsync(other, product)).Items.Single().HelpfulCount);
    }

    [Fact]
    public async Task Admins_list_the_reviews_of_one_status()
    {
        var customer = reviews.NewUser();
        var admin = reviews.NewAdmin(customer.TenantId);
        var review = await Api.ReviewAsync(customer, Guid.CreateVersion7());
        await ReviewsClient.OkAsync<ReviewResponse>(await Api.RejectAsync(admin, review.Id));

        Assert.Equal(review.Id, Assert.Single((await Api.QueueAsync(admin, "?status=rejected")).Items).Id);
        Assert.Empty((await Api.QueueAsync(admin)).Items);
        var got = await ReviewsClient.OkAsync<ReviewResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/{review.Id}", admin));
        Assert.Equal("rejected", got.Status);
    }

    [Fact]
    public async Task Customers_cannot_moderate_and_anonymous_callers_are_401()
    {
        var customer = reviews.NewUser();
        var review = await Api.ReviewAsync(customer, Guid.CreateVersion7(), ReviewsClient.Good(text: "Short"));
        var other = reviews.NewUser(customer.TenantId);

        await ProblemAssert.IsProblemAsync(await Api.ApproveAsync(other, review.Id), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/reviews/moderation", other), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/products/{review.ProductId}/reviews", null),
            HttpStatusCode.Unauthorized);
        Assert.Equal("flagged", (await ReviewsClient.OkAsync<ReviewResponse>(await Api.SendAsync(HttpMethod.Get, $"/api/v1/reviews/me/{review.Id}", customer))).Status);
    }
}
