namespace DaprShop.Contracts.Inventory;

/// <summary>A SKU's available quantity (on hand − reserved) has just dropped below its low-stock threshold.</summary>
public sealed record LowStock(string Sku, long Available, long Threshold) : IntegrationEvent;
