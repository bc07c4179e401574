namespace DaprShop.Reviews.Domain;

/// <summary>
/// The approved reviews of a product summed up: count, sum of stars and the 1..5 distribution (index 0 = one star).
/// <see cref="Version"/> grows by one at every change; 0 means no approved review was ever counted.
/// </summary>
public sealed record RatingSummary(Guid ProductId, int Count, long Sum, IReadOnlyList<int> Distribution, long Version)
{
    public static RatingSummary Empty(Guid productId) => new(productId, 0, 0, [0, 0, 0, 0, 0], 0);

    /// <summary>Rounded to two decimals (half away from zero); 0 without reviews.</summary>
    public decimal Average => Count == 0 ? 0m : Math.Round((decimal)Sum / Count, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A change to a product's summary: reviews entering (+1 at their rating) or leaving (-1) the approved set. Applied
/// by the database as increments, never by reading and writing back the totals.
/// </summary>
public sealed record RatingDelta(int Count, int Sum, int One, int Two, int Three, int Four, int Five)
{
    public static RatingDelta None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public bool IsNone => this == None;

    public static RatingDelta Add(int rating) => Of(rating, +1);

    public static RatingDelta Remove(int rating) => Of(rating, -1);

    public RatingDelta Plus(RatingDelta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Count + other.Count, Sum + other.Sum, One + other.One, Two + other.Two, Three + other.Three, Four + other.Four, Five + other.Five);
    }

    /// <summary>What a review's move from one state to another does to its product's summary.</summary>
    public static RatingDelta Between(bool wasCounted, int oldRating, bool isCounted, int newRating) =>
        (wasCounted ? Remove(oldRating) : None).Plus(isCounted ? Add(newRating) : None);

    static RatingDelta Of(int rating, int sign)
    {
        if (rating is < ReviewRules.MinRating or > ReviewRules.MaxRating) throw new ArgumentOutOfRangeException(nameof(rating));
        return new(sign, sign * rating, rating == 1 ? sign : 0, rating == 2 ? sign : 0, rating == 3 ? sign : 0, rating == 4 ? sign : 0,
            rating == 5 ? sign : 0);
    }
}
