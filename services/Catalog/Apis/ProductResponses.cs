using DaprShop.Catalog.Domain;

namespace DaprShop.Catalog.Apis;

internal sealed record ProductResponse(
    Guid Id,
    string Sku,
    string Slug,
    string Name,
    string Description,
    string Brand,
    string CategoryPath,
    Money Price,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Images,
    string Status,
    RatingResponse Rating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static ProductResponse From(Product p) => new(p.Id, p.Sku, p.Slug, p.Name, p.Description, p.Brand, p.CategoryPath, p.Price,
        p.Attributes, p.Images, p.Status.ToWire(), new RatingResponse(p.Rating.Average, p.Rating.Count), p.CreatedAt, p.UpdatedAt, p.Version);
}

internal sealed record RatingResponse(decimal Average, int Count);

internal sealed record ProductSummaryResponse(
    Guid Id,
    string Sku,
    string Slug,
    string Name,
    string Brand,
    string CategoryPath,
    Money Price,
    string Status,
    RatingResponse Rating,
    string? Image,
    DateTimeOffset CreatedAt)
{
    public static ProductSummaryResponse From(ProductSummary p) => new(p.Id, p.Sku, p.Slug, p.Name, p.Brand, p.CategoryPath, p.Price,
        p.Status.ToWire(), new RatingResponse(p.Rating.Average, p.Rating.Count), p.Image, p.CreatedAt);
}

/// <summary>The list shape (<c>items, page, pageSize, total</c>) plus facet counts over all matches.</summary>
internal sealed record ProductSearchResponse(
    IReadOnlyList<ProductSummaryResponse> Items,
    int Page,
    int PageSize,
    long Total,
    SearchFacets Facets);

internal sealed record SearchFacets(IReadOnlyList<FacetCount> Categories, IReadOnlyList<FacetCount> Brands);

