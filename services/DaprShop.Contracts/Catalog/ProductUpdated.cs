namespace DaprShop.Contracts.Catalog;

/// <summary>
/// A product's editable state changed (price, status, name...). Carries the state after the change and its
/// <see cref="Version"/>: a consumer keeping a copy ignores an event older than what it has.
/// </summary>
public sealed record ProductUpdated(
    Guid ProductId,
    string Sku,
    string Name,
    string Slug,
    string CategoryPath,
    string Brand,
    decimal PriceAmount,
    string PriceCurrency,
    string Status,
    long Version) : IntegrationEvent;
