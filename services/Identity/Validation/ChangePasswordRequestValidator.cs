using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).PresentPassword();
        RuleFor(r => r.NewPassword).ValidNewPassword().NotEqual(r => r.CurrentPassword)
            .WithMessage("The new password must differ from the current one.");
    }
}
