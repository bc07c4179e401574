using DaprShop.ServiceDefaults.Auth;
using FluentValidation;

namespace DaprShop.Identity.Validation;

internal static class RoleRules
{
    /// <summary>At least one role, each one a tenant admin may grant (never platform-admin), no duplicates.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> AssignableRoles<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotEmpty()
            .Must(roles => roles.All(r => Roles.TenantRoles.Contains(r)))
            .WithMessage($"Roles must be among: {string.Join(", ", Roles.TenantRoles)}.")
            .Must(roles => roles.Distinct(StringComparer.Ordinal).Count() == roles.Count)
            .WithMessage("Roles must not repeat.");
}
