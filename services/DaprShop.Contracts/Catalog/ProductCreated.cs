namespace DaprShop.Contracts.Catalog;

/// <summary>An admin added a product to the tenant's catalogue (any status, usually draft).</summary>
public sealed record ProductCreated(
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
