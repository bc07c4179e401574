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
/// Reviews as shoppers see them: the approved reviews and rating of a product (anyone signed in to the tenant), and
/// one's own reviews (a verified purchaser writes one per product, edits it — back through screening — or deletes it),
/// and helpful votes on others' approved reviews. Another customer's review is 404 like another tenant's.
/// </summary>
internal static class ReviewsApi
{
    /// <summary>A review of 4000 characters is well under this; a larger body is refused (413) before it is read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products/{productId:guid}").WithTags("Reviews");
        products.MapGet("/reviews", ListApprovedAsync)
            .WithName("ListProductReviews")
            .WithSummary("The product's approved reviews, newest (default) or most helpful first")
            .WithValidation<PageRequest>()
            .WithValidation<ReviewListQuery>()
            .RequireAuthorization(ReviewsPolicies.TenantMember);
        products.MapGet("/rating", GetRatingAsync)
            .WithName("GetProductRating")
            .WithSummary("The product's rating: average, count and 1–5 distribution of its approved reviews")
            .RequireAuthorization(ReviewsPolicies.TenantMember);
        products.MapPost("/reviews", CreateAsync)
            .WithName("CreateReview")
            .WithSummary("Review a product you received (one per product): 403 if you are not a verified purchaser, 409 if you already did")
            .WithValidation<ReviewRequest>()
            .WithBodyLimit(MaxBodyBytes)
            .RequireAuthorization(ReviewsPolicies.Author);

        var own = app.MapGroup("/api/v1/reviews/me").WithTags("Reviews").RequireAuthorization(ReviewsPolicies.Author);
        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnReviews")
            .WithSummary("Your reviews in any status (with screening flags and rejection reasons), newest first")
            .WithValidation<PageRequest>();
        own.MapGet("/{id:guid}", GetOwnAsync)
            .WithName("GetOwnReview")
            .WithSummary("One of your reviews");
        own.MapPut("/{id:guid}", EditAsync)
            .WithName("EditReview")
            .WithSummary("Edit your review; it goes back through screening (and out of the public list until approved again)")
            .WithValidation<ReviewRequest>()
            .WithBodyLimit(MaxBodyBytes);
        own.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteReview")
            .WithSummary("Delete your review");

        app.MapPut("/api/v1/reviews/{id:guid}/helpful", VoteHelpfulAsync)
            .WithTags("Reviews")
            .WithName("VoteReviewHelpful")
            .WithSummary("Mark an approved review helpful: once per user (repeating changes nothing), never your own")
            .RequireAuthorization(ReviewsPolicies.Author);
        return app;
    }

    static async Task<Ok<PagedResponse<PublicReviewResponse>>> ListApprovedAsync(
        Guid productId, [AsParameters] PageRequest paging, [AsParameters] ReviewListQuery query, [AsParameters] ReviewsServices s)
    {
        var sort = query.Sort == "helpful" ? ReviewSort.Helpful : ReviewSort.Newest;
        var page = await s.Store.ListApprovedAsync(productId, sort, paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(r => r.ToPublic()));
    }

    static async Task<Ok<RatingSummaryResponse>> GetRatingAsync(Guid productId, [AsParameters] ReviewsServices s) =>
        TypedResults.Ok((await s.Store.GetRatingAsync(productId, s.CancellationToken)).ToResponse());

    static async Task<Results<Created<ReviewResponse>, ProblemHttpResult>> CreateAsync(
        Guid productId, ReviewRequest request, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var customerId = caller.UserId();
        if (!await s.Store.IsPurchaserAsync(customerId, productId, s.CancellationToken)) return ReviewsProblems.NotPurchaser(productId);
        var content = request.ToContent();
        var screening = await s.Screener.ScreenAsync(content, s.CancellationToken);
        var review = Review.Submit(productId, customerId, content, screening, s.Screener.AutoApprove, s.Clock.GetUtcNow());
        var write = await s.Store.AddAsync(review, s.CancellationToken);
        return write.Outcome == ReviewWriteOutcome.Duplicate
            ? ReviewsProblems.Duplicate(productId)
            : TypedResults.Created($"/api/v1/reviews/me/{review.Id}", write.Review!.ToResponse());
    }

    static async Task<Ok<PagedResponse<ReviewResponse>>> ListOwnAsync([AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] ReviewsServices s) =>
        TypedResults.Ok((await s.Store.ListByAuthorAsync(caller.UserId(), paging, s.CancellationToken)).Map(r => r.ToResponse()));

    static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> GetOwnAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var review = await s.Store.GetAsync(id, s.CancellationToken);
        return review is null || review.CustomerId != caller.UserId() ? ReviewsProblems.ReviewNotFound(id) : TypedResults.Ok(review.ToResponse());
    }

    static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> EditAsync(
        Guid id, ReviewRequest request, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var content = request.ToContent();
        var screening = await s.Screener.ScreenAsync(content, s.CancellationToken);
        var now = s.Clock.GetUtcNow();
        var write = await s.Store.ChangeAsync(id, caller.UserId(), r =>
        {
            r.Edit(content, screening, s.Screener.AutoApprove, now);
            return true;
        }, s.CancellationToken);
        return write.Outcome == ReviewWriteOutcome.Written ? TypedResults.Ok(write.Review!.ToResponse()) : ReviewsProblems.ReviewNotFound(id);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var write = await s.Store.DeleteAsync(id, caller.UserId(), s.CancellationToken);
        return write.Outcome == ReviewWriteOutcome.Written ? TypedResults.NoContent() : ReviewsProblems.ReviewNotFound(id);
    }

    static async Task<Results<Ok<PublicReviewResponse>, ProblemHttpResult>> VoteHelpfulAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ReviewsServices s)
    {
        var write = await s.Store.VoteHelpfulAsync(id, caller.UserId(), s.Clock.GetUtcNow(), s.CancellationToken);
        return write.Outcome switch
        {
            ReviewWriteOutcome.Written when write.Review is not null => TypedResults.Ok(write.Review.ToPublic()),
            ReviewWriteOutcome.OwnReview => ReviewsProblems.VoteOnOwn(),
            _ => ReviewsProblems.ReviewNotFound(id),
        };
    }
}
