using DaprShop.Reviews.Domain;

namespace DaprShop.Reviews.UnitTests;

public sealed class ReviewTests
{
    static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly ReviewContent Content = new(4, "Good", "Sturdy and quiet, recommended.");
    static readonly Screening Clean = new([]);
    static readonly Screening Flagged = new([ScreeningFlags.Link]);

    [Fact]
    public void A_clean_review_is_approved_at_once_with_auto_approval()
    {
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Clean, autoApprove: true, T0);
        Assert.Equal((ReviewStatus.Approved, T0, 1L), (r.Status, r.ApprovedAt!.Value, r.Version));
    }

    [Fact]
    public void A_clean_review_waits_as_pending_without_auto_approval()
    {
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Clean, autoApprove: false, T0);
        Assert.Equal(ReviewStatus.Pending, r.Status);
        Assert.Null(r.ApprovedAt);
    }

    [Fact]
    public void A_flagged_review_waits_whatever_the_auto_approval()
    {
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Flagged, autoApprove: true, T0);
        Assert.Equal(ReviewStatus.Flagged, r.Status);
        Assert.Equal([ScreeningFlags.Link], r.Flags);
    }

    [Fact]
    public void Approve_twice_is_refused_the_second_time()
    {
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Flagged, true, T0);
        Assert.True(r.Approve(Guid.NewGuid(), T0.AddHours(1)));
        Assert.False(r.Approve(Guid.NewGuid(), T0.AddHours(2)));
        Assert.Equal(2, r.Version);
    }

    [Fact]
    public void Reject_keeps_the_reason_and_can_take_down_an_approved_review()
    {
        var admin = Guid.NewGuid();
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Clean, true, T0);
        Assert.True(r.Reject(admin, "Off-topic", T0.AddHours(1)));
        Assert.Equal((ReviewStatus.Rejected, "Off-topic", admin), (r.Status, r.RejectionReason, r.ModeratedBy!.Value));
        Assert.Null(r.ApprovedAt);
        Assert.False(r.Reject(admin, "again", T0));
    }

    [Fact]
    public void An_edit_is_screened_again_and_forgets_the_previous_moderation()
    {
        var r = Review.Submit(Guid.NewGuid(), Guid.NewGuid(), Content, Clean, true, T0);
        r.Reject(Guid.NewGuid(), "Off-topic", T0);
        r.Edit(Content with { Rating = 2 }, Flagged, true, T0.AddDays(1));
        Assert.Equal((ReviewStatus.Flagged, 2, (string?)null, 3L), (r.Status, r.Rating, r.RejectionReason, r.Version));
        r.Edit(Content, Clean, true, T0.AddDays(2));
        Assert.Equal(ReviewStatus.Approved, r.Status);
    }

    [Theory]
    [InlineData("pending", ReviewStatus.Pending)]
    [InlineData("flagged", ReviewStatus.Flagged)]
    [InlineData("approved", ReviewStatus.Approved)]
    [InlineData("rejected", ReviewStatus.Rejected)]
    public void Statuses_round_trip_their_wire_names(string wire, ReviewStatus status)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.True(ReviewStatuses.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Approved")]
    [InlineData("deleted")]
    public void Unknown_statuses_do_not_parse(string? wire) => Assert.False(ReviewStatuses.TryParse(wire, out _));
}
