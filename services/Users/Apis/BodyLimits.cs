namespace DaprShop.Users.Apis;

internal static class BodyLimits
{
    /// <summary>A profile or an address is well under a kilobyte.</summary>
    public const long MaxBodyBytes = 64 * 1024;
}
