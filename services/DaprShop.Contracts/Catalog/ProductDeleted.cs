namespace DaprShop.Contracts.Catalog;

/// <summary>
/// A product was deleted from the catalogue. Catalog deletes softly (the product stays, archived, for the orders that
/// name it), so the id stays resolvable; it can no longer be sold.
/// </summary>
public sealed record ProductDeleted(Guid ProductId, string Sku, long Version) : IntegrationEvent;
