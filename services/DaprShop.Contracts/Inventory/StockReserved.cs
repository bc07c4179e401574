namespace DaprShop.Contracts.Inventory;

/// <summary>Every line of an order is held until <paramref name="ExpiresAt"/> (lines sorted by SKU).</summary>
public sealed record StockReserved(Guid OrderId, IReadOnlyList<StockLine> Lines, DateTimeOffset ExpiresAt) : IntegrationEvent;
