using DaprShop.Reviews.Apis.Requests;
using DaprShop.Reviews.Validation;

namespace DaprShop.Reviews.UnitTests;

public sealed class ValidatorTests
{
    static readonly ReviewRequestValidator Reviews = new();

    [Fact]
    public void A_complete_review_is_valid() => Assert.True(Reviews.Validate(new ReviewRequest(5, "Good", "Long enough text here.")).IsValid);

    [Theory]
    [InlineData(null, "t", "x")]
    [InlineData(0, "t", "x")]
    [InlineData(6, "t", "x")]
    [InlineData(3, null, "x")]
    [InlineData(3, " ", "x")]
    [InlineData(3, "t", null)]
    [InlineData(3, "t", "\t\n")]
    public void Missing_or_out_of_range_fields_are_invalid(int? rating, string? title, string? text) =>
        Assert.False(Reviews.Validate(new ReviewRequest(rating, title, text)).IsValid);

    [Fact]
    public void Lengths_are_bounded_after_trimming()
    {
        Assert.True(Reviews.Validate(new ReviewRequest(3, new string('t', 120) + "   ", new string('x', 4000))).IsValid);
        Assert.False(Reviews.Validate(new ReviewRequest(3, new string('t', 121), "x")).IsValid);
        Assert.False(Reviews.Validate(new ReviewRequest(3, "t", new string('x', 4001))).IsValid);
    }

    [Fact]
    public void Blocked_words_need_a_letter_and_a_bounded_list()
    {
        var v = new BlockedWordsRequestValidator();
        Assert.True(v.Validate(new BlockedWordsRequest(["scam", "rival brand"])).IsValid);
        Assert.True(v.Validate(new BlockedWordsRequest([])).IsValid);
        Assert.False(v.Validate(new BlockedWordsRequest(null)).IsValid);
        Assert.False(v.Validate(new BlockedWordsRequest(["..."])).IsValid);
        Assert.False(v.Validate(new BlockedWordsRequest([.. Enumerable.Range(0, 501).Select(i => $"w{i}")])).IsValid);
    }

    [Fact]
    public void Rejections_need_a_reason() =>
        Assert.False(new RejectReviewRequestValidator().Validate(new RejectReviewRequest("  ")).IsValid);
}
