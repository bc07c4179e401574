using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class RefreshTokenRequestValidator : AbstractValidator<RefreshTokenRequest>
{
    public RefreshTokenRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(8192);
}
