namespace DaprShop.ServiceDefaults.Auth;

public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
    public const string Support = "support";
    /// <summary>Operates the platform (creates tenants); lives in the platform tenant.</summary>
    public const string PlatformAdmin = "platform-admin";

    public static readonly IReadOnlySet<string> TenantRoles = new HashSet<string>(StringComparer.Ordinal) { Customer, Admin, Support };
}
