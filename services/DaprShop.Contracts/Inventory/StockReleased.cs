namespace DaprShop.Contracts.Inventory;

/// <summary>
/// An order's held lines are available again. <paramref name="Reason"/>: <c>released</c> (on request),
/// <c>cancelled</c> (the order was cancelled) or <c>expired</c> (not committed in time).
/// </summary>
public sealed record StockReleased(Guid OrderId, string Reason, IReadOnlyList<StockLine> Lines) : IntegrationEvent;
