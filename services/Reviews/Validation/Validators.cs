using DaprShop.Reviews.Apis.Requests;
using DaprShop.Reviews.Domain;
using FluentValidation;

namespace DaprShop.Reviews.Validation;

internal sealed class ReviewRequestValidator : AbstractValidator<ReviewRequest>
{
    public ReviewRequestValidator()
    {
        RuleFor(r => r.Rating).NotNull().InclusiveBetween(ReviewRules.MinRating, ReviewRules.MaxRating);
        RuleFor(r => r.Title).NotNull().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Must not be empty.")
            .Must(t => t is null || t.Trim().Length <= ReviewRules.MaxTitleLength).WithMessage($"At most {ReviewRules.MaxTitleLength} characters.");
        RuleFor(r => r.Text).NotNull().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Must not be empty.")
            .Must(t => t is null || t.Trim().Length <= ReviewRules.MaxTextLength).WithMessage($"At most {ReviewRules.MaxTextLength} characters.");
    }
}

internal sealed class RejectReviewRequestValidator : AbstractValidator<RejectReviewRequest>
{
    public RejectReviewRequestValidator() =>
        RuleFor(r => r.Reason).NotNull().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Must not be empty.")
            .Must(t => t is null || t.Trim().Length <= ReviewRules.MaxReasonLength).WithMessage($"At most {ReviewRules.MaxReasonLength} characters.");
}

internal sealed class BlockedWordsRequestValidator : AbstractValidator<BlockedWordsRequest>
{
    public BlockedWordsRequestValidator()
    {
        RuleFor(r => r.Words).NotNull().Must(w => w is null || w.Count <= ReviewScreening.MaxBlockedWords)
            .WithMessage($"At most {ReviewScreening.MaxBlockedWords} words.");
        RuleForEach(r => r.Words).NotNull().Must(w => !string.IsNullOrWhiteSpace(w) && ReviewScreening.Normalize(w).Length > 0)
            .WithMessage("Must hold a letter or digit.")
            .MaximumLength(ReviewScreening.MaxBlockedWordLength);
    }
}

internal sealed class ReviewListQueryValidator : AbstractValidator<ReviewListQuery>
{
    public ReviewListQueryValidator() =>
        RuleFor(q => q.Sort).Must(s => s is null or "newest" or "helpful").WithMessage("One of: newest, helpful.");
}

internal sealed class ModerationQueryValidator : AbstractValidator<ModerationQuery>
{
    public ModerationQueryValidator() =>
        RuleFor(q => q.Status).Must(s => s is null || ReviewStatuses.TryParse(s, out _))
            .WithMessage($"One of: {string.Join(", ", ReviewStatuses.All)}.");
}
