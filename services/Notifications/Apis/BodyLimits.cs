namespace DaprShop.Notifications.Apis;

internal static class BodyLimits
{
    /// <summary>A template of 20,000 characters is the largest body.</summary>
    public const long MaxBodyBytes = 128 * 1024;
}
