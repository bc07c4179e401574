namespace DaprShop.Cart.Domain;

/// <summary>A product as catalog sells it now (from its lookup), with what inventory has available of its SKU.</summary>
internal sealed record ProductOffer(Guid ProductId, string Sku, string Name, decimal UnitPrice, string Currency, bool IsActive);
