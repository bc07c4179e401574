using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Domain;
using FluentValidation;

namespace DaprShop.Users.Validation;

internal sealed class UserValidationQueryValidator : AbstractValidator<UserValidationQuery>
{
    public UserValidationQueryValidator() =>
        RuleFor(q => q.Type)
            .Must(t => t is null || AddressTypes.TryParse(t, out _))
            .WithMessage($"'{{PropertyName}}' must be {AddressTypes.Billing} or {AddressTypes.Shipping}.");
}
