namespace DaprShop.Inventory.Apis;

internal static class BodyLimits
{
    /// <summary>The largest request (200 SKUs of availability, 100 reservation lines) is well under this.</summary>
    public const long MaxBodyBytes = 64 * 1024;
}
