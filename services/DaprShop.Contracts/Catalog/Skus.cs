namespace DaprShop.Contracts.Catalog;

/// <summary>
/// What a SKU looks like wherever it travels (catalog's products, inventory's stock, cart and order lines): 1 to 64
/// ASCII letters, digits, '-', '_' or '.'. Compared ordinally (case-sensitive), as catalog stores it.
/// </summary>
public static class Skus
{
    public const int MaxLength = 64;

    public static bool IsValid(string? sku) =>
        !string.IsNullOrEmpty(sku) && sku.Length <= MaxLength &&
        sku.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
