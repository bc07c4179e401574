namespace DaprShop.ServiceDefaults.Auth;

/// <summary>Claim types in identity's access tokens (kept as issued: inbound claim mapping is off).</summary>
public static class DaprShopClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tid";
    public const string Role = "role";
}
