namespace DaprShop.Catalog;

/// <summary>Settings of section <c>Catalog</c>.</summary>
internal sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary><c>mongo</c> or <c>postgres</c>; unset: MongoDB when <c>ConnectionStrings:catalog-mongo</c> is set, else PostgreSQL.</summary>
    public string? Store { get; set; }

    /// <summary>How long a product stays in the Dapr state store cache; 0 turns the cache off.</summary>
    public int CacheTtlSeconds { get; set; } = 60;
}
