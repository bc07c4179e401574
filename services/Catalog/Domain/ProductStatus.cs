namespace DaprShop.Catalog.Domain;

/// <summary>Only <see cref="Active"/> products are visible to customers; admins see all three.</summary>
public enum ProductStatus
{
    Draft = 0,
    Active = 1,
    Archived = 2,
}

internal static class ProductStatuses
{
    /// <summary>The wire and storage spelling: lower case names.</summary>
    public static string ToWire(this ProductStatus status) => status switch
    {
        ProductStatus.Draft => "draft",
        ProductStatus.Active => "active",
        ProductStatus.Archived => "archived",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? value, out ProductStatus status)
    {
        switch (value)
        {
            case "draft": status = ProductStatus.Draft; return true;
            case "active": status = ProductStatus.Active; return true;
            case "archived": status = ProductStatus.Archived; return true;
            default: status = default; return false;
        }
    }

    /// <summary>For stored values, which were written by <see cref="ToWire"/>.</summary>
    public static ProductStatus FromWire(string value) =>
        TryParse(value, out var status) ? status : throw new FormatException($"not a product status: '{value}'");

    public static IReadOnlyList<string> Names { get; } = ["draft", "active", "archived"];
}
