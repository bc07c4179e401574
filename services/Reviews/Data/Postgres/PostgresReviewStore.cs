using DaprShop.Contracts;
using DaprShop.Reviews.Domain;
using DaprShop.Reviews.IntegrationEvents;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Reviews.Data.Postgres;

/// <summary>
/// Reviews on PostgreSQL through EF Core. Reads go through the shared tenant filter; hand-written SQL names the tenant
/// itself. A review's state changes under a row lock (<c>FOR UPDATE</c>), the product's summary changes by increments
/// in one upsert (concurrent approvals queue on its row, none is lost), and the events are outbox rows of the same
/// transaction.
/// </summary>
internal sealed class PostgresReviewStore(ReviewsDb db, IntegrationEventOutbox outbox, ITenantContext tenant) : IReviewStore
{
    public async Task<int> RecordPurchasesAsync(Guid customerId, IReadOnlyCollection<Guid> productIds, Guid orderId, DateTimeOffset deliveredAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var tenantId = RequireTenant();
        var ids = productIds.Distinct().ToArray();
        if (ids.Length == 0) return 0;
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO purchases (tenant_id, customer_id, product_id, order_id, delivered_at)
            SELECT {tenantId}, {customerId}, p, {orderId}, {deliveredAt} FROM unnest({ids}) AS p
            ON CONFLICT (tenant_id, customer_id, product_id) DO NOTHING
            """, cancellationToken);
    }

    public Task<bool> IsPurchaserAsync(Guid customerId, Guid productId, CancellationToken cancellationToken)
    {
        RequireTenant();
        return db.Purchases.AnyAsync(p => p.CustomerId == customerId && p.ProductId == productId, cancellationToken);
    }

    public async Task<ReviewWrite> AddAsync(Review review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        RequireTenant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Reviews.Add(review);
        try
        {
            await PublishAsync(review, RatingDelta.Between(false, review.Rating, review.Status == ReviewStatus.Approved, review.Rating), cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return new ReviewWrite(ReviewWriteOutcome.Duplicate);
        }
        await tx.CommitAsync(cancellationToken);
        return ReviewWrite.Written(Detached(review));
    }

    public async Task<Review?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        RequireTenant();
        return await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public async Task<ReviewWrite> ChangeAsync(Guid id, Guid? authorId, Func<Review, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        RequireTenant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var review = await LockedAsync(id, cancellationToken);
        if (review is null || (authorId is { } author && review.CustomerId != author)) return ReviewWrite.NotFound;
        var wasCounted = review.Status == ReviewStatus.Approved;
        var oldRating = review.Rating;
        if (!change(review))
        {
            db.ChangeTracker.Clear();
            return new ReviewWrite(ReviewWriteOutcome.InvalidState, review);
        }
        await PublishAsync(review, RatingDelta.Between(wasCounted, oldRating, review.Status == ReviewStatus.Approved, review.Rating), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ReviewWrite.Written(Detached(review));
    }

    public async Task<ReviewWrite> DeleteAsync(Guid id, Guid authorId, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var review = await LockedAsync(id, cancellationToken);
        if (review is null || review.CustomerId != authorId) return ReviewWrite.NotFound;
        await db.Database.ExecuteSqlAsync($"DELETE FROM helpful_votes WHERE tenant_id = {tenantId} AND review_id = {id}", cancellationToken);
        db.Reviews.Remove(review);
        var delta = review.Status == ReviewStatus.Approved ? RatingDelta.Remove(review.Rating) : RatingDelta.None;
        await db.SaveChangesAsync(cancellationToken);
        if (!delta.IsNone) await ApplyDeltaAsync(review.ProductId, delta, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ReviewWrite.Written(null);
    }

    public async Task<ReviewWrite> VoteHelpfulAsync(Guid id, Guid voterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == ReviewStatus.Approved, cancellationToken);
        if (review is null) return ReviewWrite.NotFound;
        if (review.CustomerId == voterId) return new ReviewWrite(ReviewWriteOutcome.OwnReview, review);
        // The key (tenant, review, user) decides: of concurrent votes of one user, one inserts and the rest do nothing.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO helpful_votes (tenant_id, review_id, user_id, voted_at) VALUES ({tenantId}, {id}, {voterId}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
            await db.Database.ExecuteSqlAsync(
                $"UPDATE reviews SET helpful_count = helpful_count + 1 WHERE tenant_id = {tenantId} AND id = {id}", cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ReviewWrite.Written(await GetAsync(id, cancellationToken));
    }

    public Task<PagedResponse<Review>> ListApprovedAsync(Guid productId, ReviewSort sort, PageRequest paging, CancellationToken cancellationToken)
    {
        RequireTenant();
        var query = db.Reviews.AsNoTracking().Where(r => r.ProductId == productId && r.Status == ReviewStatus.Approved);
        var ordered = sort == ReviewSort.Helpful
            ? query.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            : query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        return ordered.ToPageAsync(paging, cancellationToken);
    }

    public Task<PagedResponse<Review>> ListByAuthorAsync(Guid customerId, PageRequest paging, CancellationToken cancellationToken)
    {
        RequireTenant();
        return db.Reviews.AsNoTracking().Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToPageAsync(paging, cancellationToken);
    }

    public Task<PagedResponse<Review>> ListByStatusAsync(IReadOnlyCollection<ReviewStatus> statuses, PageRequest paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        RequireTenant();
        var list = statuses.ToList();
        return db.Reviews.AsNoTracking().Where(r => list.Contains(r.Status))
            .OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id).ToPageAsync(paging, cancellationToken);
    }

    public async Task<RatingSummary> GetRatingAsync(Guid productId, CancellationToken cancellationToken)
    {
        RequireTenant();
        var row = await db.ProductRatings.AsNoTracking().SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);
        return row?.ToSummary() ?? RatingSummary.Empty(productId);
    }

    public async Task<IReadOnlyList<string>?> GetBlockedWordsAsync(CancellationToken cancellationToken)
    {
        RequireTenant();
        var settings = await db.ModerationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return settings?.BlockedWords;
    }

    public async Task SetBlockedWordsAsync(IReadOnlyList<string> words, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tenantId = RequireTenant();
        var list = words.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO moderation_settings (tenant_id, blocked_words, updated_at) VALUES ({tenantId}, {list}, {now})
            ON CONFLICT (tenant_id) DO UPDATE SET blocked_words = excluded.blocked_words, updated_at = excluded.updated_at
            """, cancellationToken);
    }

    /// <summary>Saves the review with its events: <c>ReviewApproved</c> when it is approved now, the new summary when it moved.</summary>
    async Task PublishAsync(Review review, RatingDelta delta, CancellationToken cancellationToken)
    {
        if (review.Status == ReviewStatus.Approved) outbox.Stage(Topics.ReviewEvents, ReviewEvents.Approved(review));
        await db.SaveChangesAsync(cancellationToken);
        if (!delta.IsNone) await ApplyDeltaAsync(review.ProductId, delta, cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> to the product's summary in one statement (the row lock of the upsert queues
    /// concurrent writers; each adds to what the previous committed) and stages the summary it returns.
    /// </summary>
    async Task ApplyDeltaAsync(Guid productId, RatingDelta delta, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        var rows = await db.ProductRatings.FromSql($"""
            INSERT INTO product_ratings AS r (tenant_id, product_id, count, sum, one, two, three, four, five, version)
            VALUES ({tenantId}, {productId}, {delta.Count}, {(long)delta.Sum}, {delta.One}, {delta.Two}, {delta.Three}, {delta.Four}, {delta.Five}, 1)
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET
                count = r.count + excluded.count, sum = r.sum + excluded.sum,
                one = r.one + excluded.one, two = r.two + excluded.two, three = r.three + excluded.three,
                four = r.four + excluded.four, five = r.five + excluded.five, version = r.version + 1
            RETURNING r.*
            """).IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        outbox.Stage(Topics.ReviewEvents, ReviewEvents.RatingChanged(rows.Single().ToSummary()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The review of the current tenant, locked until the transaction ends (concurrent changes of it queue).</summary>
    Task<Review?> LockedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Reviews.FromSql($"SELECT * FROM reviews WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    Review Detached(Review review)
    {
        db.Entry(review).State = EntityState.Detached;
        return review;
    }

    Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("reviews: a review store call with no tenant in context");
}
