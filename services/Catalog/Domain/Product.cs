using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Catalog.Domain;

/// <summary>
/// A product of one tenant. <see cref="Version"/> grows by one at every change and is the ETag: an update names the
/// version it was based on, and the store refuses it when the stored row has moved on.
/// </summary>
public sealed class Product : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string Brand { get; set; } = "";
    /// <summary>Slash-separated, lower case: <c>electronics/audio/headphones</c>.</summary>
    public required string CategoryPath { get; set; }
    public required Money Price { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    public List<string> Images { get; set; } = [];
    public required string Slug { get; set; }
    public ProductStatus Status { get; set; }
    public Rating Rating { get; set; } = Rating.None;
    /// <summary>
    /// The version of the reviews service's <c>ProductRatingChanged</c> that <see cref="Rating"/> came from (0: none yet);
    /// an older or repeated event is ignored. Not part of <see cref="Version"/>: the rating is not editable state.
    /// </summary>
    public long RatingVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}
