namespace DaprShop.Catalog.Domain;

public enum ProductSort
{
    /// <summary>Best text match first; newest first when there is no text.</summary>
    Relevance,
    PriceAscending,
    PriceDescending,
    Newest,
    Rating,
}

/// <summary>What a catalogue search asks for, already validated (<see cref="ProductQueryParser"/>).</summary>
public sealed record ProductQuery
{
    public string? Text { get; init; }
    /// <summary>A category and everything under it.</summary>
    public string? Category { get; init; }
    public IReadOnlyList<string> Brands { get; init; } = [];
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public string? Currency { get; init; }
    /// <summary>Products whose average rating is at least this (0–5); products without reviews average 0.</summary>
    public decimal? MinRating { get; init; }
    /// <summary>Every pair must match (AND).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>Empty means any status (admins only; customers always get <c>[Active]</c>).</summary>
    public IReadOnlyList<ProductStatus> Statuses { get; init; } = [];
    public ProductSort Sort { get; init; } = ProductSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public long Offset => (long)(Page - 1) * PageSize;

    public bool HasText => !string.IsNullOrWhiteSpace(Text);

    /// <summary>Relevance without text has nothing to rank by: newest first.</summary>
    public ProductSort EffectiveSort => Sort == ProductSort.Relevance && !HasText ? ProductSort.Newest : Sort;
}

/// <summary>A page of matches with the total and the facet counts over all matches.</summary>
public sealed record ProductSearchResult(
    IReadOnlyList<ProductSummary> Items,
    long Total,
    IReadOnlyList<FacetCount> Categories,
    IReadOnlyList<FacetCount> Brands);

public sealed record ProductSummary(
    Guid Id,
    string Sku,
    string Slug,
    string Name,
    string Brand,
    string CategoryPath,
    Money Price,
    ProductStatus Status,
    Rating Rating,
    string? Image,
    DateTimeOffset CreatedAt);

public sealed record FacetCount(string Value, long Count);
