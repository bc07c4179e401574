using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class LogoutRequestValidator : AbstractValidator<LogoutRequest>
{
    public LogoutRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(8192);
}
