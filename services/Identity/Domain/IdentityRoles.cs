using DaprShop.ServiceDefaults.Auth;

namespace DaprShop.Identity.Domain;

/// <summary>The roles identity knows. A tenant admin may grant only <see cref="Assignable"/>; platform-admin lives in the platform tenant.</summary>
internal static class IdentityRoles
{
    public static readonly IReadOnlyList<string> Assignable = [Roles.Customer, Roles.Admin, Roles.Support];
    public static readonly IReadOnlyList<string> All = [Roles.Customer, Roles.Admin, Roles.Support, Roles.PlatformAdmin];
}
