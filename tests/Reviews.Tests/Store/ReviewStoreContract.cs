using DaprShop.Reviews.Data;
using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Reviews.Tests.Store;

/// <summary>
/// What every <see cref="IReviewStore"/> adapter must do, run once per adapter (PostgreSQL, MongoDB). The API's tests
/// cover HTTP; these pin down the storage semantics the API relies on, including what the database must decide.
/// </summary>
public abstract class ReviewStoreContract
{
    static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly PageRequest FirstPage = new(1, 50);
    static CancellationToken Ct => CancellationToken.None;

    /// <summary>A store acting for <paramref name="tenantId"/> (none: no tenant in context). Each call is a fresh unit of work.</summary>
    private protected abstract IReviewStore Store(Guid? tenantId);

    /// <summary>The event types staged about a product (outbox rows or documents), oldest first.</summary>
    protected abstract Task<IReadOnlyList<string>> StagedEventsAsync(Guid productId);

    static Review AReview(Guid productId, int rating = 4, bool approved = true, Guid? customer = null, int minutes = 0) =>
        Review.Submit(productId, customer ?? Guid.CreateVersion7(), new ReviewContent(rating, "Title", "A long enough review text."),
            new Screening(approved ? [] : [ScreeningFlags.Link]), autoApprove: true, T0.AddMinutes(minutes));

    async Task<Review> AddedAsync(Guid tenant, Review review)
    {
        var write = await Store(tenant).AddAsync(review, Ct);
        Assert.Equal(ReviewWriteOutcome.Written, write.Outcome);
        return write.Review!;
    }

    [Fact]
    public async Task Purchases_are_recorded_once_per_customer_and_product_within_the_tenant()
    {
        var tenant = Guid.CreateVersion7();
        var customer = Guid.CreateVersion7();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        Assert.Equal(2, await Store(tenant).RecordPurchasesAsync(customer, [a, b, a], Guid.CreateVersion7(), T0, Ct));
        Assert.Equal(0, await Store(tenant).RecordPurchasesAsync(customer, [a], Guid.CreateVersion7(), T0, Ct));

        Assert.True(await Store(tenant).IsPurchaserAsync(customer, a, Ct));
        Assert.False(await Store(tenant).IsPurchaserAsync(Guid.CreateVersion7(), a, Ct));
        Assert.False(await Store(Guid.CreateVersion7()).IsPurchaserAsync(customer, a, Ct));
    }

    [Fact]
    public async Task A_second_review_of_one_customer_and_product_is_a_duplicate()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var first = await AddedAsync(tenant, AReview(product));

        var second = await Store(tenant).AddAsync(AReview(product, customer: first.CustomerId), Ct);

        Assert.Equal(ReviewWriteOutcome.Duplicate, second.Outcome);
        Assert.Equal(1, (await Store(tenant).GetRatingAsync(product, Ct)).Count);
        // Another tenant may hold the same customer and product ids.
        await AddedAsync(Guid.CreateVersion7(), AReview(product, customer: first.CustomerId));
    }

    [Fact]
    public async Task An_approved_review_counts_in_the_summary_and_stages_both_events_a_flagged_one_neither()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();

        await AddedAsync(tenant, AReview(product, rating: 5));
        await AddedAsync(tenant, AReview(product, rating: 2, approved: false));

        var summary = await Store(tenant).GetRatingAsync(product, Ct);
        Assert.Equal((1, 5L, 1L), (summary.Count, summary.Sum, summary.Version));
        Assert.Equal([0, 0, 0, 0, 1], summary.Distribution);
        Assert.Equal(["ReviewApproved", "ProductRatingChanged"], await StagedEventsAsync(product));
    }

    [Fact]
    public async Task Concurrent_approvals_add_up_without_losing_one()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var ratings = new[] { 1, 2, 3, 4, 5, 5 };
        var flagged = new List<Review>();
        foreach (var r in ratings) flagged.Add(await AddedAsync(tenant, AReview(product, rating: r, approved: false)));
        using var barrier = new Barrier(ratings.Length);

        var writes = await Task.WhenAll(flagged.Select(review => Task.Run(async () =>
        {
            var store = Store(tenant);
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            return await store.ChangeAsync(review.Id, null, r => r.Approve(Guid.CreateVersion7(), T0), Ct);
        })));

        Assert.All(writes, w => Assert.Equal(ReviewWriteOutcome.Written, w.Outcome));
        var summary = await Store(tenant).GetRatingAsync(product, Ct);
        Assert.Equal((6, 20L, 6L), (summary.Count, summary.Sum, summary.Version));
        Assert.Equal([1, 1, 1, 1, 2], summary.Distribution);
        Assert.Equal(3.33m, summary.Average);
    }

    [Fact]
    public async Task A_change_that_does_not_apply_writes_and_stages_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var review = await AddedAsync(tenant, AReview(product));
        var before = await StagedEventsAsync(product);

        var write = await Store(tenant).ChangeAsync(review.Id, null, r => r.Approve(Guid.CreateVersion7(), T0), Ct);

        Assert.Equal(ReviewWriteOutcome.InvalidState, write.Outcome);
        Assert.Equal(before, await StagedEventsAsync(product));
        Assert.Equal(1, (await Store(tenant).GetAsync(review.Id, Ct))!.Version);
    }

    [Fact]
    public async Task Rejecting_or_deleting_an_approved_review_takes_it_out_of_the_summary()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var a = await AddedAsync(tenant, AReview(product, rating: 5));
        var b = await AddedAsync(tenant, AReview(product, rating: 3));

        await Store(tenant).ChangeAsync(a.Id, null, r => r.Reject(Guid.CreateVersion7(), "spam", T0), Ct);
        Assert.Equal(ReviewWriteOutcome.NotFound, (await Store(tenant).DeleteAsync(b.Id, Guid.CreateVersion7(), Ct)).Outcome);
        Assert.Equal(ReviewWriteOutcome.Written, (await Store(tenant).DeleteAsync(b.Id, b.CustomerId, Ct)).Outcome);

        var summary = await Store(tenant).GetRatingAsync(product, Ct);
        Assert.Equal((0, 0L, 4L), (summary.Count, summary.Sum, summary.Version));
        Assert.Null(await Store(tenant).GetAsync(b.Id, Ct));
    }

    [Fact]
    public async Task Helpful_votes_are_once_per_user_never_on_ones_own_nor_on_an_unapproved_review()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var review = await AddedAsync(tenant, AReview(product));
        var flagged = await AddedAsync(tenant, AReview(product, approved: false));
        var voter = Guid.CreateVersion7();
        using var barrier = new Barrier(6);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var store = Store(tenant);
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            await store.VoteHelpfulAsync(review.Id, voter, T0, Ct);
        })));
        await Store(tenant).VoteHelpfulAsync(review.Id, Guid.CreateVersion7(), T0, Ct);

        Assert.Equal(2, (await Store(tenant).GetAsync(review.Id, Ct))!.HelpfulCount);
        Assert.Equal(ReviewWriteOutcome.OwnReview, (await Store(tenant).VoteHelpfulAsync(review.Id, review.CustomerId, T0, Ct)).Outcome);
        Assert.Equal(ReviewWriteOutcome.NotFound, (await Store(tenant).VoteHelpfulAsync(flagged.Id, voter, T0, Ct)).Outcome);
        Assert.Equal(ReviewWriteOutcome.NotFound, (await Store(Guid.CreateVersion7()).VoteHelpfulAsync(review.Id, voter, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task Lists_show_the_approved_by_newest_or_helpful_the_authors_and_the_queue()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var older = await AddedAsync(tenant, AReview(product, minutes: 0));
        var newer = await AddedAsync(tenant, AReview(product, minutes: 5));
        var flagged = await AddedAsync(tenant, AReview(product, approved: false, minutes: 9));
        await Store(tenant).VoteHelpfulAsync(older.Id, Guid.CreateVersion7(), T0, Ct);

        var newest = await Store(tenant).ListApprovedAsync(product, ReviewSort.Newest, FirstPage, Ct);
        var helpful = await Store(tenant).ListApprovedAsync(product, ReviewSort.Helpful, FirstPage, Ct);
        var queue = await Store(tenant).ListByStatusAsync([ReviewStatus.Pending, ReviewStatus.Flagged], FirstPage, Ct);
        var mine = await Store(tenant).ListByAuthorAsync(flagged.CustomerId, FirstPage, Ct);

        Assert.Equal([newer.Id, older.Id], newest.Items.Select(r => r.Id));
        Assert.Equal(2, newest.Total);
        Assert.Equal([older.Id, newer.Id], helpful.Items.Select(r => r.Id));
        Assert.Equal([flagged.Id], queue.Items.Select(r => r.Id));
        Assert.Equal([flagged.Id], mine.Items.Select(r => r.Id));
        Assert.Empty((await Store(Guid.CreateVersion7()).ListApprovedAsync(product, ReviewSort.Newest, FirstPage, Ct)).Items);
    }

    [Fact]
    public async Task Another_tenant_sees_nothing_and_no_tenant_fails_closed()
    {
        var tenant = Guid.CreateVersion7();
        var product = Guid.CreateVersion7();
        var review = await AddedAsync(tenant, AReview(product));
        var stranger = Store(Guid.CreateVersion7());

        Assert.Null(await stranger.GetAsync(review.Id, Ct));
        Assert.Equal(ReviewWriteOutcome.NotFound, (await stranger.ChangeAsync(review.Id, null, r => r.Reject(Guid.Empty, "x", T0), Ct)).Outcome);
        Assert.Equal(0, (await stranger.GetRatingAsync(product, Ct)).Count);
        await Assert.ThrowsAsync<TenantIsolationException>(() => Store(null).GetAsync(review.Id, Ct));
        await Assert.ThrowsAsync<TenantIsolationException>(() => Store(null).RecordPurchasesAsync(Guid.NewGuid(), [product], Guid.NewGuid(), T0, Ct));
        Assert.Equal(ReviewStatus.Approved, (await Store(tenant).GetAsync(review.Id, Ct))!.Status);
    }

    [Fact]
    public async Task Blocked_words_are_kept_per_tenant()
    {
        var tenant = Guid.CreateVersion7();
        Assert.Null(await Store(tenant).GetBlockedWordsAsync(Ct));

        await Store(tenant).SetBlockedWordsAsync(["one", "two"], T0, Ct);
        await Store(tenant).SetBlockedWordsAsync(["three"], T0, Ct);

        Assert.Equal(["three"], await Store(tenant).GetBlockedWordsAsync(Ct));
        Assert.Null(await Store(Guid.CreateVersion7()).GetBlockedWordsAsync(Ct));
    }
}
