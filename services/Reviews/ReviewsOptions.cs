namespace DaprShop.Reviews;

/// <summary>Settings of section <c>Reviews</c>.</summary>
internal sealed class ReviewsOptions
{
    public const string Section = "Reviews";

    /// <summary>
    /// <c>true</c> (default): a review the screening finds nothing wrong with is approved at once, and only flagged
    /// ones wait for an admin. <c>false</c>: every review waits in the queue (a tenant that wants to read them all first).
    /// </summary>
    public bool AutoApprove { get; set; } = true;

    /// <summary>A review text shorter than this (after trimming) is flagged as too short.</summary>
    public int MinTextLength { get; set; } = 20;

    /// <summary><c>mongo</c> or <c>postgres</c>; unset: MongoDB when <c>ConnectionStrings:reviews-mongo</c> is set, else PostgreSQL.</summary>
    public string? Store { get; set; }
}
