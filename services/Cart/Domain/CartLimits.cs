namespace DaprShop.Cart.Domain;

/// <summary>What one cart holds at most; a request beyond it is refused, a merge caps at it.</summary>
internal static class CartLimits
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 99;
    public const int MaxLines = 100;
}
