using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.TenantId).NotEmpty();
        RuleFor(r => r.Email).NotEmpty().MaximumLength(CredentialRules.MaxEmailLength);
        RuleFor(r => r.Password).PresentPassword();
    }
}
