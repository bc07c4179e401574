using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.Apis;

/// <summary>A review as its author and admins see it: status, screening flags, rejection reason.</summary>
public sealed record ReviewResponse(
    Guid Id, Guid ProductId, Guid CustomerId, int Rating, string Title, string Text, string Status, IReadOnlyList<string> Flags,
    string? RejectionReason, int HelpfulCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ApprovedAt, long Version);

/// <summary>An approved review as everyone sees it (always a verified purchase: only purchasers can write one).</summary>
public sealed record PublicReviewResponse(
    Guid Id, Guid ProductId, int Rating, string Title, string Text, int HelpfulCount, bool VerifiedPurchase, DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt);

/// <summary>A product's approved reviews summed up; <c>distribution[0]</c> counts one-star reviews.</summary>
public sealed record RatingSummaryResponse(Guid ProductId, decimal Average, int Count, IReadOnlyList<int> Distribution, long Version);

public sealed record BlockedWordsResponse(IReadOnlyList<string> Words, bool IsDefault);

internal static class ReviewMapping
{
    public static ReviewResponse ToResponse(this Review r) =>
        new(r.Id, r.ProductId, r.CustomerId, r.Rating, r.Title, r.Text, r.Status.ToWire(), r.Flags, r.RejectionReason, r.HelpfulCount,
            r.CreatedAt, r.UpdatedAt, r.ApprovedAt, r.Version);

    public static PublicReviewResponse ToPublic(this Review r) =>
        new(r.Id, r.ProductId, r.Rating, r.Title, r.Text, r.HelpfulCount, true, r.CreatedAt, r.ApprovedAt);

    public static RatingSummaryResponse ToResponse(this RatingSummary s) => new(s.ProductId, s.Average, s.Count, s.Distribution, s.Version);
}
