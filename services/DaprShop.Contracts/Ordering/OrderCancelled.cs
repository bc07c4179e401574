namespace DaprShop.Contracts.Ordering;

/// <summary>An order was cancelled before it was fulfilled; <paramref name="Reason"/> is for people (logs, the ledger).</summary>
public sealed record OrderCancelled(Guid OrderId, string Reason) : IntegrationEvent;
