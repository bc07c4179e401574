using DaprShop.Catalog.Domain;
using DaprShop.Contracts.Catalog;
using DaprShop.ServiceDefaults.Correlation;

namespace DaprShop.Catalog.IntegrationEvents;

/// <summary>
/// Builds catalog's events from the product as it will be stored, stamped with its tenant, the request's correlation
/// id and the time. The store commits each with its change (<see cref="Data.IProductStore"/>).
/// </summary>
internal sealed class ProductEvents(ICorrelationContext correlation, TimeProvider clock)
{
    public ProductCreated Created(Product p) =>
        new(p.Id, p.Sku, p.Name, p.Slug, p.CategoryPath, p.Brand, p.Price.Amount, p.Price.Currency, p.Status.ToWire(), p.Version)
        {
            TenantId = p.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        };

    public ProductUpdated Updated(Product p) =>
        new(p.Id, p.Sku, p.Name, p.Slug, p.CategoryPath, p.Brand, p.Price.Amount, p.Price.Currency, p.Status.ToWire(), p.Version)
        {
            TenantId = p.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        };

    public ProductDeleted Deleted(Product p) =>
        new(p.Id, p.Sku, p.Version)
        {
            TenantId = p.TenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        };
}
