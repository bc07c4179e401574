namespace DaprShop.Shipping.Apis;

internal static class BodyLimits
{
    /// <summary>A shipment request of 100 lines and every webhook are well under this.</summary>
    public const long MaxBodyBytes = 32 * 1024;
}
