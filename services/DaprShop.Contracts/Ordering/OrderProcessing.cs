namespace DaprShop.Contracts.Ordering;

/// <summary>A confirmed, paid order is being fulfilled (its shipment was requested).</summary>
public sealed record OrderProcessing(Guid OrderId) : IntegrationEvent;
