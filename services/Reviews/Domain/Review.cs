using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Reviews.Domain;

/// <summary>
/// One customer's review of one product (a tenant has at most one per customer and product: a unique index decides).
/// Only <see cref="ReviewStatus.Approved"/> reviews are shown publicly and counted in the product's rating.
/// </summary>
public sealed class Review : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>The author (the token's subject when written).</summary>
    public Guid CustomerId { get; set; }
    public int Rating { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public ReviewStatus Status { get; set; }
    /// <summary>What the automatic screening found (<see cref="ScreeningFlags"/>); empty when it passed.</summary>
    public List<string> Flags { get; set; } = [];
    /// <summary>The admin's reason for a rejection.</summary>
    public string? RejectionReason { get; set; }
    public Guid? ModeratedBy { get; set; }
    public int HelpfulCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>Grows by one at every change.</summary>
    public long Version { get; set; }

    /// <summary>A new review of a verified purchaser, with the status the screening gave it.</summary>
    public static Review Submit(Guid productId, Guid customerId, ReviewContent content, Screening screening, bool autoApprove, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(screening);
        var review = new Review
        {
            Id = Guid.CreateVersion7(),
            ProductId = productId,
            CustomerId = customerId,
            Title = content.Title,
            Text = content.Text,
            CreatedAt = now,
            Version = 1,
        };
        review.Screened(content, screening, autoApprove, now);
        return review;
    }

    /// <summary>The author's edit: new content, screened again (an approved review goes back through screening).</summary>
    public void Edit(ReviewContent content, Screening screening, bool autoApprove, DateTimeOffset now)
    {
        Screened(content, screening, autoApprove, now);
        Version++;
    }

    void Screened(ReviewContent content, Screening screening, bool autoApprove, DateTimeOffset now)
    {
        Rating = content.Rating;
        Title = content.Title;
        Text = content.Text;
        Flags = [.. screening.Flags];
        RejectionReason = null;
        ModeratedBy = null;
        UpdatedAt = now;
        Status = screening.Passed ? (autoApprove ? ReviewStatus.Approved : ReviewStatus.Pending) : ReviewStatus.Flagged;
        ApprovedAt = Status == ReviewStatus.Approved ? now : null;
    }

    /// <summary>An admin shows the review. Only a review waiting for moderation (pending, flagged) or rejected earlier.</summary>
    public bool Approve(Guid moderator, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Approved) return false;
        Status = ReviewStatus.Approved;
        RejectionReason = null;
        ModeratedBy = moderator;
        ApprovedAt = now;
        UpdatedAt = now;
        Version++;
        return true;
    }

    /// <summary>An admin refuses (or takes down) the review, with a reason the author can read.</summary>
    public bool Reject(Guid moderator, string reason, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Rejected) return false;
        Status = ReviewStatus.Rejected;
        RejectionReason = reason;
        ModeratedBy = moderator;
        ApprovedAt = null;
        UpdatedAt = now;
        Version++;
        return true;
    }
}

public enum ReviewStatus
{
    /// <summary>Passed screening, waits for an admin (auto-approval off).</summary>
    Pending,
    /// <summary>The screening found something (a link, a blocked word, too short): waits for an admin.</summary>
    Flagged,
    Approved,
    Rejected,
}

public static class ReviewStatuses
{
    public static string ToWire(this ReviewStatus status) => status switch
    {
        ReviewStatus.Pending => "pending",
        ReviewStatus.Flagged => "flagged",
        ReviewStatus.Approved => "approved",
        ReviewStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ReviewStatus FromWire(string value) => value switch
    {
        "pending" => ReviewStatus.Pending,
        "flagged" => ReviewStatus.Flagged,
        "approved" => ReviewStatus.Approved,
        "rejected" => ReviewStatus.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown review status"),
    };

    public static bool TryParse(string? value, out ReviewStatus status)
    {
        status = default;
        if (value is not ("pending" or "flagged" or "approved" or "rejected")) return false;
        status = FromWire(value);
        return true;
    }

    public static IReadOnlyList<string> All { get; } = ["pending", "flagged", "approved", "rejected"];
}

/// <summary>What an author writes, trimmed.</summary>
public sealed record ReviewContent(int Rating, string Title, string Text);

/// <summary>Bounds of a review (validated at the edge, enforced by column lengths).</summary>
public static class ReviewRules
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxTitleLength = 120;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 500;
}
