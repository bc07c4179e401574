using DaprShop.Identity.Apis.Requests;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal sealed class ChangeRolesRequestValidator : AbstractValidator<ChangeRolesRequest>
{
    // Stop at a null list: the role rules would run on it.
    public ChangeRolesRequestValidator() => RuleFor(r => r.Roles).Cascade(CascadeMode.Stop).NotNull().AssignableRoles();
}
