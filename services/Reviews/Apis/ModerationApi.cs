using System.Security.Claims;
using DaprShop.Reviews.Apis.Requests;
using DaprShop.Reviews.Data;
using DaprShop.Reviews.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Reviews.Apis;

/// <summary>
/// The tenant's admins moderate: the queue (pending and flagged reviews, oldest first), approve, reject with a reason
/// (also taking down an approved review), and the tenant's blocked-word list for the screening.
/// </summary>
internal static class ModerationApi
{
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/reviews").WithTags("Moderation").RequireAuthorization(Policies.Admin);
        admin.MapGet("/moderation", QueueAsync)
            .WithName("ListReviewsForModeration")
            .WithSummary("The moderation queue (pending and flagged, oldest first), or the reviews of one status")
            .WithValidation<PageRequest>()
            .WithValidation<ModerationQuery>();
        admin.MapGet("/{id:guid}", GetAsync)
            .WithName("GetReview")
            .WithSummary("A review of the tenant in any status");
        admin.MapPost("/{id:guid}/approve", ApproveAsync)
            .WithName("ApproveReview")
            .WithSummary("Show a review publicly and count it in the product's rating; 409 if it is approved already");
        admin.MapPost("/{id:guid}/reject", RejectAsync)
            .WithName("RejectReview")
            .WithSummary("Reject (or take down) a review with a reason its author reads; 409 if it is rejected already")
            .WithValidation<RejectReviewRequest>()
            .WithBodyLimit(ReviewsApi.MaxBodyBytes);
        admin.MapGet("/moderation/blocked-words", GetBlockedWordsAsync)
            .WithName("GetBlockedWords")
            .WithSummary("The words the screening flags: the tenant's own list, or the default one");
        admin.MapPut("/moderation/blocked-words", SetBlockedWordsAsync)
            .WithName("SetBlockedWords")
            .WithSummary("Replace the tenant's blocked-word list (applies to reviews written or edited from now on)")
            .WithValidation<BlockedWordsRequest>()
            .WithBodyLimit(ReviewsApi.MaxBodyBytes);
        return app;
    }

    static async Task<Ok<PagedResponse<ReviewResponse>>> QueueAsync(
        [AsParameters] PageRequest paging, [AsParameters] ModerationQuery query, [AsParameters] ReviewsServices s)
    {
        IReadOnlyCollection<ReviewStatus> statuses = ReviewStatuses.TryParse(query.Status, out var status)
            ? [status]
            : [ReviewStatus.Pending, ReviewStatus.Flagged];
        return TypedResults.Ok((await s.Store.ListByStatusAsync(statuses, paging, s.CancellationToken)).Map(r => r.ToResponse()));
    }

    static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ReviewsServices s) =>
        await s.Store.GetAsync(id, s.CancellationToken) is { } review ? TypedResults.Ok(review.ToResponse()) : ReviewsProblems.ReviewNotFound(id);

    static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ApproveAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var now = s.Clock.GetUtcNow();
        var moderator = caller.UserId();
        return Answer(id, "approved", await s.Store.ChangeAsync(id, null, r => r.Approve(moderator, now), s.CancellationToken));
    }

    static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> RejectAsync(
        Guid id, RejectReviewRequest request, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var now = s.Clock.GetUtcNow();
        var moderator = caller.UserId();
        var reason = request.Reason!.Trim();
        return Answer(id, "rejected", await s.Store.ChangeAsync(id, null, r => r.Reject(moderator, reason, now), s.CancellationToken));
    }

    static Results<Ok<ReviewResponse>, ProblemHttpResult> Answer(Guid id, string action, ReviewWrite write) => write.Outcome switch
    {
        ReviewWriteOutcome.Written => TypedResults.Ok(write.Review!.ToResponse()),
        ReviewWriteOutcome.InvalidState => ReviewsProblems.InvalidState(action, write.Review!.Status.ToWire()),
        _ => ReviewsProblems.ReviewNotFound(id),
    };

    static async Task<Ok<BlockedWordsResponse>> GetBlockedWordsAsync([AsParameters] ReviewsServices s) =>
        TypedResults.Ok(await s.Store.GetBlockedWordsAsync(s.CancellationToken) is { } own
            ? new BlockedWordsResponse(own, false)
            : new BlockedWordsResponse(ReviewScreening.DefaultBlockedWords, true));

    static async Task<Ok<BlockedWordsResponse>> SetBlockedWordsAsync(BlockedWordsRequest request, [AsParameters] ReviewsServices s)
    {
        var words = request.Words!.Select(w => w.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        await s.Store.SetBlockedWordsAsync(words, s.Clock.GetUtcNow(), s.CancellationToken);
        return TypedResults.Ok(new BlockedWordsResponse(words, false));
    }
}
