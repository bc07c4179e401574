using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class ChangeRolesRequestValidator : AbstractValidator<ChangeRolesRequest>
{
    public ChangeRolesRequestValidator() => RuleFor(r => r.Roles).NotNull().AssignableRoles();
}
