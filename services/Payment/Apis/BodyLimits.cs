namespace DaprShop.Payment.Apis;

internal static class BodyLimits
{
    /// <summary>Every payment request and webhook is well under a kilobyte.</summary>
    public const long MaxBodyBytes = 16 * 1024;
}
