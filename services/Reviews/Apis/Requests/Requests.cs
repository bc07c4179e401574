using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.Apis.Requests;

/// <summary>A new review or an edit of one's own: rating 1–5, title and text (trimmed).</summary>
public sealed record ReviewRequest(int? Rating, string? Title, string? Text)
{
    public ReviewContent ToContent() => new(Rating!.Value, Title!.Trim(), Text!.Trim());
}

/// <summary>An admin's rejection, with the reason the author reads.</summary>
public sealed record RejectReviewRequest(string? Reason);

/// <summary>The tenant's own blocked words for the screening; an empty list turns the word check off.</summary>
public sealed record BlockedWordsRequest(IReadOnlyList<string>? Words);

/// <summary><c>?sort=newest|helpful</c> (default newest).</summary>
public sealed record ReviewListQuery(string? Sort);

/// <summary><c>?status=pending|flagged|approved|rejected</c>; none: the queue (pending and flagged).</summary>
public sealed record ModerationQuery(string? Status);
