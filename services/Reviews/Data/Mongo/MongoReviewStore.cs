using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Reviews.Domain;
using DaprShop.Reviews.IntegrationEvents;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Mongo;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Tenancy;
using MongoDB.Driver;

namespace DaprShop.Reviews.Data.Mongo;

/// <summary>
/// Reviews on MongoDB. Every filter names the current tenant. A change and its events commit in one multi-document
/// transaction (a replica set is required; a standalone mongod refuses transactions, and reviews then refuses writes):
/// a review is replaced only at the version it was read at, the summary moves by <c>$inc</c>, and two transactions
/// touching the same document conflict — the driver retries the loser from the start, on fresh reads.
/// </summary>
internal sealed class MongoReviewStore(MongoReviews mongo, ITenantContext tenant, ICorrelationContext correlation, TimeProvider clock) : IReviewStore
{
    static FilterDefinitionBuilder<Review> R => Builders<Review>.Filter;

    public async Task<int> RecordPurchasesAsync(Guid customerId, IReadOnlyCollection<Guid> productIds, Guid orderId, DateTimeOffset deliveredAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var tenantId = RequireTenant();
        var added = 0;
        foreach (var productId in productIds.Distinct())
        {
            var f = Builders<Purchase>.Filter;
            try
            {
                var result = await mongo.Purchases.UpdateOneAsync(
                    f.And(f.Eq(p => p.TenantId, tenantId), f.Eq(p => p.CustomerId, customerId), f.Eq(p => p.ProductId, productId)),
                    Builders<Purchase>.Update.SetOnInsert(p => p.OrderId, orderId).SetOnInsert(p => p.DeliveredAt, deliveredAt),
                    new UpdateOptions { IsUpsert = true }, cancellationToken);
                if (result.UpsertedId is not null) added++;
            }
            catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
                // A concurrent delivery inserted it first: recorded either way.
            }
        }
        return added;
    }

    public async Task<bool> IsPurchaserAsync(Guid customerId, Guid productId, CancellationToken cancellationToken)
    {
        var f = Builders<Purchase>.Filter;
        return await mongo.Purchases.Find(f.And(f.Eq(p => p.TenantId, RequireTenant()), f.Eq(p => p.CustomerId, customerId), f.Eq(p => p.ProductId, productId)))
            .Limit(1).AnyAsync(cancellationToken);
    }

    public async Task<ReviewWrite> AddAsync(Review review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var tenantId = RequireTenant();
        if (review.TenantId == Guid.Empty) review.TenantId = tenantId;
        if (review.TenantId != tenantId) throw new TenantIsolationException($"reviews: a review of tenant {review.TenantId} written while acting for {tenantId}");
        try
        {
            return await InTransactionAsync(async (s, ct) =>
            {
                await mongo.Reviews.InsertOneAsync(s, review, cancellationToken: ct);
                await PublishAsync(s, review, RatingDelta.Between(false, review.Rating, review.Status == ReviewStatus.Approved, review.Rating), ct);
                return ReviewWrite.Written(review);
            }, cancellationToken);
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return new ReviewWrite(ReviewWriteOutcome.Duplicate);
        }
        catch (MongoCommandException e) when (e.Code == 11000)
        {
            return new ReviewWrite(ReviewWriteOutcome.Duplicate);
        }
    }

    public async Task<Review?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await mongo.Reviews.Find(ById(RequireTenant(), id)).SingleOrDefaultAsync(cancellationToken);

    public async Task<ReviewWrite> ChangeAsync(Guid id, Guid? authorId, Func<Review, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var tenantId = RequireTenant();
        while (true)
        {
            var write = await InTransactionAsync<ReviewWrite?>(async (s, ct) =>
            {
                var review = await mongo.Reviews.Find(s, ById(tenantId, id)).SingleOrDefaultAsync(ct);
                if (review is null || (authorId is { } author && review.CustomerId != author)) return ReviewWrite.NotFound;
                var (wasCounted, oldRating, readVersion) = (review.Status == ReviewStatus.Approved, review.Rating, review.Version);
                if (!change(review)) return new ReviewWrite(ReviewWriteOutcome.InvalidState, review);
                var replaced = await mongo.Reviews.ReplaceOneAsync(s, R.And(ById(tenantId, id), R.Eq(r => r.Version, readVersion)), review,
                    cancellationToken: ct);
                if (replaced.ModifiedCount == 0) return null; // moved on since it was read: start again
                await PublishAsync(s, review, RatingDelta.Between(wasCounted, oldRating, review.Status == ReviewStatus.Approved, review.Rating), ct);
                return ReviewWrite.Written(review);
            }, cancellationToken);
            if (write is not null) return write;
        }
    }

    public async Task<ReviewWrite> DeleteAsync(Guid id, Guid authorId, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        while (true)
        {
            var write = await InTransactionAsync<ReviewWrite?>(async (s, ct) =>
            {
                var review = await mongo.Reviews.Find(s, ById(tenantId, id)).SingleOrDefaultAsync(ct);
                if (review is null || review.CustomerId != authorId) return ReviewWrite.NotFound;
                var deleted = await mongo.Reviews.DeleteOneAsync(s, R.And(ById(tenantId, id), R.Eq(r => r.Version, review.Version)), cancellationToken: ct);
                if (deleted.DeletedCount == 0) return null;
                var v = Builders<HelpfulVote>.Filter;
                await mongo.Votes.DeleteManyAsync(s, v.And(v.Eq(x => x.TenantId, tenantId), v.Eq(x => x.ReviewId, id)), cancellationToken: ct);
                if (review.Status == ReviewStatus.Approved) await ApplyDeltaAsync(s, review.ProductId, RatingDelta.Remove(review.Rating), ct);
                return ReviewWrite.Written(null);
            }, cancellationToken);
            if (write is not null) return write;
        }
    }

    public async Task<ReviewWrite> VoteHelpfulAsync(Guid id, Guid voterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        var review = await mongo.Reviews.Find(R.And(ById(tenantId, id), R.Eq(r => r.Status, ReviewStatus.Approved))).SingleOrDefaultAsync(cancellationToken);
        if (review is null) return ReviewWrite.NotFound;
        if (review.CustomerId == voterId) return new ReviewWrite(ReviewWriteOutcome.OwnReview, review);
        try
        {
            // The unique index (tenant, review, user) decides between concurrent votes of one user.
            await InTransactionAsync(async (s, ct) =>
            {
                await mongo.Votes.InsertOneAsync(s, new HelpfulVote { TenantId = tenantId, ReviewId = id, UserId = voterId, VotedAt = now }, cancellationToken: ct);
                await mongo.Reviews.UpdateOneAsync(s, ById(tenantId, id), Builders<Review>.Update.Inc(r => r.HelpfulCount, 1), cancellationToken: ct);
                return true;
            }, cancellationToken);
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // Voted before: nothing changes.
        }
        catch (MongoCommandException e) when (e.Code == 11000)
        {
        }
        return ReviewWrite.Written(await GetAsync(id, cancellationToken));
    }

    public Task<PagedResponse<Review>> ListApprovedAsync(Guid productId, ReviewSort sort, PageRequest paging, CancellationToken cancellationToken)
    {
        var s = Builders<Review>.Sort;
        var order = sort == ReviewSort.Helpful
            ? s.Descending(r => r.HelpfulCount).Descending(r => r.CreatedAt).Descending(r => r.Id)
            : s.Descending(r => r.CreatedAt).Descending(r => r.Id);
        return PageAsync(R.And(R.Eq(r => r.TenantId, RequireTenant()), R.Eq(r => r.ProductId, productId), R.Eq(r => r.Status, ReviewStatus.Approved)),
            order, paging, cancellationToken);
    }

    public Task<PagedResponse<Review>> ListByAuthorAsync(Guid customerId, PageRequest paging, CancellationToken cancellationToken) =>
        PageAsync(R.And(R.Eq(r => r.TenantId, RequireTenant()), R.Eq(r => r.CustomerId, customerId)),
            Builders<Review>.Sort.Descending(r => r.CreatedAt).Descending(r => r.Id), paging, cancellationToken);

    public Task<PagedResponse<Review>> ListByStatusAsync(IReadOnlyCollection<ReviewStatus> statuses, PageRequest paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return PageAsync(R.And(R.Eq(r => r.TenantId, RequireTenant()), R.In(r => r.Status, statuses)),
            Builders<Review>.Sort.Ascending(r => r.UpdatedAt).Ascending(r => r.Id), paging, cancellationToken);
    }

    public async Task<RatingSummary> GetRatingAsync(Guid productId, CancellationToken cancellationToken)
    {
        var f = Builders<ProductRating>.Filter;
        var row = await mongo.Ratings.Find(f.And(f.Eq(r => r.TenantId, RequireTenant()), f.Eq(r => r.ProductId, productId))).SingleOrDefaultAsync(cancellationToken);
        return row?.ToSummary() ?? RatingSummary.Empty(productId);
    }

    public async Task<IReadOnlyList<string>?> GetBlockedWordsAsync(CancellationToken cancellationToken)
    {
        var settings = await mongo.Settings.Find(Builders<ModerationSettings>.Filter.Eq(s => s.TenantId, RequireTenant())).SingleOrDefaultAsync(cancellationToken);
        return settings?.BlockedWords;
    }

    public async Task SetBlockedWordsAsync(IReadOnlyList<string> words, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        await mongo.Settings.UpdateOneAsync(Builders<ModerationSettings>.Filter.Eq(s => s.TenantId, RequireTenant()),
            Builders<ModerationSettings>.Update.Set(s => s.BlockedWords, [.. words]).Set(s => s.UpdatedAt, now),
            new UpdateOptions { IsUpsert = true }, cancellationToken);
    }

    async Task<PagedResponse<Review>> PageAsync(FilterDefinition<Review> filter, SortDefinition<Review> sort, PageRequest paging, CancellationToken ct)
    {
        var total = await mongo.Reviews.CountDocumentsAsync(filter, cancellationToken: ct);
        var items = paging.Offset >= total || paging.Offset > int.MaxValue
            ? []
            : await mongo.Reviews.Find(filter).Sort(sort).Skip((int)paging.Offset).Limit(paging.PageSizeOrDefault).ToListAsync(ct);
        return new PagedResponse<Review>(items, paging.PageOrDefault, paging.PageSizeOrDefault, total);
    }

    async Task PublishAsync(IClientSessionHandle session, Review review, RatingDelta delta, CancellationToken ct)
    {
        if (review.Status == ReviewStatus.Approved) await StageAsync(session, ReviewEvents.Approved(review), ct);
        if (!delta.IsNone) await ApplyDeltaAsync(session, review.ProductId, delta, ct);
    }

    /// <summary>Adds <paramref name="delta"/> with <c>$inc</c> (an upsert for the first review) and stages the summary it returns.</summary>
    async Task ApplyDeltaAsync(IClientSessionHandle session, Guid productId, RatingDelta delta, CancellationToken ct)
    {
        var f = Builders<ProductRating>.Filter;
        var row = await mongo.Ratings.FindOneAndUpdateAsync(session,
            f.And(f.Eq(r => r.TenantId, RequireTenant()), f.Eq(r => r.ProductId, productId)),
            Builders<ProductRating>.Update.Inc(r => r.Count, delta.Count).Inc(r => r.Sum, (long)delta.Sum).Inc(r => r.One, delta.One)
                .Inc(r => r.Two, delta.Two).Inc(r => r.Three, delta.Three).Inc(r => r.Four, delta.Four).Inc(r => r.Five, delta.Five)
                .Inc(r => r.Version, 1L),
            new FindOneAndUpdateOptions<ProductRating> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, ct);
        await StageAsync(session, ReviewEvents.RatingChanged(row.ToSummary()), ct);
    }

    /// <summary>Stamps the event as the kit's outbox does (tenant, correlation id, time) and writes it in the transaction.</summary>
    Task StageAsync<TEvent>(IClientSessionHandle session, TEvent @event, CancellationToken ct) where TEvent : IntegrationEvent
    {
        var stamped = (TEvent)((IntegrationEvent)@event with { TenantId = RequireTenant(), CorrelationId = correlation.CorrelationId, OccurredAt = clock.GetUtcNow() });
        return mongo.Outbox.InsertOneAsync(session, new MongoOutboxMessage
        {
            Id = stamped.EventId,
            TenantId = stamped.TenantId,
            Topic = Topics.ReviewEvents,
            EventType = stamped.EventType,
            Payload = JsonSerializer.Serialize(stamped, stamped.GetType(), JsonSerializerOptions.Web),
            OccurredAt = stamped.OccurredAt,
            NextAttemptAt = stamped.OccurredAt,
        }, cancellationToken: ct);
    }

    async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var session = await mongo.Client.StartSessionAsync(cancellationToken: cancellationToken);
        return await session.WithTransactionAsync((s, ct) => work(s, ct), cancellationToken: cancellationToken);
    }

    static FilterDefinition<Review> ById(Guid tenantId, Guid id) => R.And(R.Eq(r => r.TenantId, tenantId), R.Eq(r => r.Id, id));

    Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("reviews: a review store call with no tenant in context");
}
