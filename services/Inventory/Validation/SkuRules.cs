using DaprShop.Contracts.Catalog;

namespace DaprShop.Inventory.Validation;

internal static class SkuRules
{
    public static readonly string Message = $"A SKU is 1 to {Skus.MaxLength} letters, digits, '-', '_' or '.'.";
}
