using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Paging;

namespace DaprShop.Reviews.Data;

/// <summary>
/// Where reviews, purchases, helpful votes and rating summaries live: PostgreSQL by default, MongoDB when configured.
/// Both adapters pass the same contract tests (tests/Reviews.Tests/Store). Every operation acts for the current tenant
/// only and throws <see cref="DaprShop.ServiceDefaults.Tenancy.TenantIsolationException"/> when there is none.
/// A write that changes what is public (an approval, an approved review edited, rejected or deleted) changes the
/// product's summary by increments in the same transaction and stages <c>ReviewApproved</c> /
/// <c>ProductRatingChanged</c> with it: the events are sent if and only if the change happened.
/// </summary>
public interface IReviewStore
{
    /// <summary>Records that the customer received these products; an already recorded (customer, product) is left alone.
    /// Returns how many were new.</summary>
    Task<int> RecordPurchasesAsync(Guid customerId, IReadOnlyCollection<Guid> productIds, Guid orderId, DateTimeOffset deliveredAt,
        CancellationToken cancellationToken);

    Task<bool> IsPurchaserAsync(Guid customerId, Guid productId, CancellationToken cancellationToken);

    /// <summary>Inserts a new review; a second one of the same customer and product → <see cref="ReviewWriteOutcome.Duplicate"/>.</summary>
    Task<ReviewWrite> AddAsync(Review review, CancellationToken cancellationToken);

    Task<Review?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Changes one review under a lock on it: <paramref name="change"/> gets the stored review and changes it in place,
    /// returning false when the change does not apply (→ <see cref="ReviewWriteOutcome.InvalidState"/>, nothing written).
    /// <paramref name="authorId"/>, when given, limits it to that author's review (another's is not found).
    /// </summary>
    Task<ReviewWrite> ChangeAsync(Guid id, Guid? authorId, Func<Review, bool> change, CancellationToken cancellationToken);

    /// <summary>Deletes the author's review (with its votes).</summary>
    Task<ReviewWrite> DeleteAsync(Guid id, Guid authorId, CancellationToken cancellationToken);

    /// <summary>
    /// The voter finds an approved review helpful. Once per voter: a repeated vote changes nothing (the database decides
    /// between concurrent ones). Not on one's own review (<see cref="ReviewWriteOutcome.OwnReview"/>).
    /// </summary>
    Task<ReviewWrite> VoteHelpfulAsync(Guid id, Guid voterId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PagedResponse<Review>> ListApprovedAsync(Guid productId, ReviewSort sort, PageRequest paging, CancellationToken cancellationToken);

    Task<PagedResponse<Review>> ListByAuthorAsync(Guid customerId, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>Reviews in these statuses, oldest first (the moderation queue).</summary>
    Task<PagedResponse<Review>> ListByStatusAsync(IReadOnlyCollection<ReviewStatus> statuses, PageRequest paging, CancellationToken cancellationToken);

    /// <summary>The product's summary; <see cref="RatingSummary.Empty"/> when nothing was ever approved.</summary>
    Task<RatingSummary> GetRatingAsync(Guid productId, CancellationToken cancellationToken);

    /// <summary>The tenant's own blocked words, or null when it has none (the default list applies).</summary>
    Task<IReadOnlyList<string>?> GetBlockedWordsAsync(CancellationToken cancellationToken);

    Task SetBlockedWordsAsync(IReadOnlyList<string> words, DateTimeOffset now, CancellationToken cancellationToken);
}

public enum ReviewSort
{
    Newest,
    Helpful,
}

public enum ReviewWriteOutcome
{
    Written,
    NotFound,
    Duplicate,
    InvalidState,
    OwnReview,
}

/// <summary>The outcome of a write; <see cref="Review"/> is the stored review after it (null after a delete).</summary>
public sealed record ReviewWrite(ReviewWriteOutcome Outcome, Review? Review = null)
{
    public static ReviewWrite Written(Review? review) => new(ReviewWriteOutcome.Written, review);

    public static ReviewWrite NotFound { get; } = new(ReviewWriteOutcome.NotFound);
}
