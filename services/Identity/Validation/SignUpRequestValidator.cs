using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class SignUpRequestValidator : AbstractValidator<SignUpRequest>
{
    public SignUpRequestValidator()
    {
        RuleFor(r => r.TenantId).NotEmpty();
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidNewPassword();
    }
}
