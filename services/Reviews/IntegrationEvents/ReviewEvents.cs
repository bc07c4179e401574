using DaprShop.Contracts.Reviews;
using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.IntegrationEvents;

/// <summary>The events reviews publishes, built from the stored state after a change.</summary>
internal static class ReviewEvents
{
    public static ReviewApproved Approved(Review review) =>
        new(review.Id, review.ProductId, review.CustomerId, review.Rating, review.Title, review.ApprovedAt ?? review.UpdatedAt);

    public static ProductRatingChanged RatingChanged(RatingSummary summary) =>
        new(summary.ProductId, summary.Average, summary.Count, [.. summary.Distribution], summary.Version);
}
