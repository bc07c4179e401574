using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class CreateTenantRequestValidator : AbstractValidator<CreateTenantRequest>
{
    public CreateTenantRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Settings!).SetValidator(new TenantSettingsRequestValidator()).When(r => r.Settings is not null);
        When(r => r.Admin is not null, () =>
        {
            RuleFor(r => r.Admin!.Email).ValidEmail();
            RuleFor(r => r.Admin!.Password).ValidNewPassword();
        });
    }
}
