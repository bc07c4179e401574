namespace DaprShop.Users.Domain;

internal static class ProfileLimits
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int EmailLength = 320;
}
