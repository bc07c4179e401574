using DaprShop.Reviews.Data;
using DaprShop.Reviews.Domain;
using Microsoft.Extensions.Options;

namespace DaprShop.Reviews.Apis;

/// <summary>Screens content against the tenant's blocked words (or the default list) and the configured minimum length.</summary>
internal sealed class ReviewScreener(IReviewStore store, IOptions<ReviewsOptions> options)
{
    public bool AutoApprove => options.Value.AutoApprove;

    public async Task<Screening> ScreenAsync(ReviewContent content, CancellationToken cancellationToken)
    {
        var words = await store.GetBlockedWordsAsync(cancellationToken) ?? ReviewScreening.DefaultBlockedWords;
        return ReviewScreening.Screen(content, words, options.Value.MinTextLength);
    }
}

/// <summary>What the review endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record ReviewsServices(IReviewStore Store, ReviewScreener Screener, TimeProvider Clock, CancellationToken CancellationToken);
