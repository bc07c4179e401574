using DaprShop.Users.Apis.Requests;
using DaprShop.Users.Domain;
using FluentValidation;

namespace DaprShop.Users.Validation;

internal sealed class ProfileFilterValidator : AbstractValidator<ProfileFilter>
{
    public ProfileFilterValidator() => RuleFor(f => f.Email).OptionalLine(ProfileLimits.EmailLength);
}
