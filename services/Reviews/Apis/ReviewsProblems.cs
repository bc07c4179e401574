using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Reviews.Apis;

/// <summary>The problems reviews answers, with stable types clients can branch on.</summary>
internal static class ReviewsProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string NotAPurchaser = Base + "not-a-purchaser";
    public const string AlreadyReviewed = Base + "already-reviewed";
    public const string ReviewState = Base + "review-state";
    public const string OwnReview = Base + "own-review";

    public static ProblemHttpResult ReviewNotFound(Guid id) => Problem.NotFound("Review", id);

    public static ProblemHttpResult NotPurchaser(Guid productId) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: NotAPurchaser, title: "Only a verified purchaser can review this product",
        detail: $"No delivered order of product {productId} is known for you.");

    public static ProblemHttpResult Duplicate(Guid productId) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: AlreadyReviewed, title: "You already reviewed this product",
        detail: $"One review per product: edit your review of product {productId} instead.");

    public static ProblemHttpResult InvalidState(string action, string status) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ReviewState, title: $"The review cannot be {action}",
        detail: $"The review is {status}.", extensions: new Dictionary<string, object?> { ["reviewStatus"] = status });

    public static ProblemHttpResult VoteOnOwn() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: OwnReview, title: "You cannot vote on your own review");
}
