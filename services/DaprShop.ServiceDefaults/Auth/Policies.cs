namespace DaprShop.ServiceDefaults.Auth;

/// <summary>Authorization policy names every service shares.</summary>
public static class Policies
{
    public const string Customer = "customer";
    public const string Admin = "admin";
    /// <summary>Admin or support: reading users, orders and the like on behalf of customers.</summary>
    public const string Staff = "staff";
    public const string PlatformAdmin = "platform-admin";
}
