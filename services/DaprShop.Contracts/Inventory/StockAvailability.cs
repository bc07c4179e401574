namespace DaprShop.Contracts.Inventory;

/// <summary>
/// Inventory's service route <c>POST /internal/v1/stock/availability</c> (cart and ordering, through Dapr invocation,
/// tenant in <c>X-Tenant-ID</c>): what can be sold now of up to 200 distinct SKUs.
/// </summary>
public sealed record StockAvailabilityRequest(IReadOnlyList<string> Skus);

/// <summary>One entry per requested SKU, in request order; a SKU inventory does not stock is available 0.</summary>
public sealed record StockAvailabilityResponse(IReadOnlyList<SkuAvailability> Items);

public sealed record SkuAvailability(string Sku, long Available);
