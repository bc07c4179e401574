using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.UnitTests;

public sealed class RatingTests
{
    [Fact]
    public void The_average_is_rounded_to_two_decimals_and_zero_without_reviews()
    {
        Assert.Equal(0m, RatingSummary.Empty(Guid.Empty).Average);
        Assert.Equal(4.67m, new RatingSummary(Guid.Empty, 3, 14, [0, 0, 0, 1, 2], 3).Average);
        Assert.Equal(3.5m, new RatingSummary(Guid.Empty, 2, 7, [0, 0, 1, 1, 0], 2).Average);
    }

    [Fact]
    public void Approving_adds_one_review_at_its_rating() =>
        Assert.Equal(new RatingDelta(1, 4, 0, 0, 0, 1, 0), RatingDelta.Between(false, 4, true, 4));

    [Fact]
    public void Taking_down_removes_it() => Assert.Equal(new RatingDelta(-1, -2, 0, -1, 0, 0, 0), RatingDelta.Between(true, 2, false, 2));

    [Fact]
    public void Re_approving_an_edit_moves_it_between_stars_and_keeps_the_count() =>
        Assert.Equal(new RatingDelta(0, 3, 0, -1, 0, 0, 1), RatingDelta.Between(true, 2, true, 5));

    [Fact]
    public void A_change_outside_the_approved_set_is_no_change() => Assert.True(RatingDelta.Between(false, 2, false, 5).IsNone);

    [Fact]
    public void An_unchanged_approved_rating_is_no_change() => Assert.True(RatingDelta.Between(true, 3, true, 3).IsNone);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_rating_outside_one_to_five_is_refused(int rating) => Assert.Throws<ArgumentOutOfRangeException>(() => RatingDelta.Add(rating));
}
