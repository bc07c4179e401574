using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Domain;
using FluentValidation;

namespace DaprShop.Users.Validation;

internal sealed class AddressRequestValidator : AbstractValidator<AddressRequest>
{
    public const int PostalCodeLength = 20;

    public AddressRequestValidator()
    {
        RuleFor(r => r.Type)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(t => AddressTypes.TryParse(t, out _))
            .WithMessage($"'{{PropertyName}}' must be {AddressTypes.Billing} or {AddressTypes.Shipping}.");
        RuleFor(r => r.RecipientName).RequiredLine(TextRules.LineLength);
        RuleFor(r => r.Company).OptionalLine(TextRules.LineLength);
        RuleFor(r => r.Line1).RequiredLine(TextRules.LineLength);
        RuleFor(r => r.Line2).OptionalLine(TextRules.LineLength);
        RuleFor(r => r.City).RequiredLine(TextRules.NameLength);
        RuleFor(r => r.Region).OptionalLine(TextRules.NameLength);
        RuleFor(r => r.Country)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(Countries.IsAssigned)
            .WithMessage("'{PropertyName}' must be an ISO 3166-1 alpha-2 country code (e.g. US, DE, JP).");
        RuleFor(r => r.PostalCode)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(PostalCodeLength)
            .Must((r, code) => PostalCodes.IsValid(r.Country!, code!))
            .When(r => Countries.IsAssigned(r.Country), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"'{{PropertyName}}' is not a valid postal code for {Countries.Normalize(r.Country!)}.");
        RuleFor(r => r.Phone).E164Phone();
    }
}
