namespace DaprShop.Catalog.Domain;

/// <summary>The bounds of a product's fields, shared by request validation, search parsing and storage column sizes.</summary>
public static class ProductRules
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxBrandLength = 100;
    public const int MaxImages = 20;
    public const int MaxImageUrlLength = 2_000;
    /// <summary>Ten digits before the point: a price beyond a billion is a typo, not a product.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    public static bool IsSku(string? sku) =>
        !string.IsNullOrEmpty(sku) && sku.Length <= MaxSkuLength &&
        sku.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
