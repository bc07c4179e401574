using DaprShop.Ordering.Apis.Requests;
using FluentValidation;

namespace DaprShop.Ordering.Validation;

internal sealed class ResolveAttentionRequestValidator : AbstractValidator<ResolveAttentionRequest>
{
    public const int MaxNoteLength = 500;

    public ResolveAttentionRequestValidator() =>
        RuleFor(r => r.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Say what was done to settle the order.")
            .MaximumLength(MaxNoteLength);
}
