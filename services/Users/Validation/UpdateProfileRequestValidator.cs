using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Domain;
using FluentValidation;

namespace DaprShop.Users.Validation;

internal sealed class UpdateProfileRequestValidator : AbstractValidator<UpdateProfileRequest>
{
    public UpdateProfileRequestValidator()
    {
        RuleFor(r => r.DisplayName).OptionalLine(TextRules.NameLength);
        RuleFor(r => r.FirstName).OptionalLine(TextRules.NameLength);
        RuleFor(r => r.LastName).OptionalLine(TextRules.NameLength);
        RuleFor(r => r.Phone).E164Phone();
        RuleFor(r => r.Locale)
            .Must(l => l is null || ContactFormats.IsLocale(l))
            .WithMessage("'{PropertyName}' must be a language tag such as 'en', 'en-US' or 'zh-Hant-TW'.");
    }
}
