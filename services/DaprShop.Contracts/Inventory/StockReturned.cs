namespace DaprShop.Contracts.Inventory;

/// <summary>
/// A committed order was cancelled: its lines went back on hand (available again) once. <paramref name="Reason"/> says
/// why (<c>order &lt;id&gt; cancelled</c>). Unlike <see cref="StockReleased"/>, the units had left stock before.
/// </summary>
public sealed record StockReturned(Guid OrderId, string Reason, IReadOnlyList<StockLine> Lines) : IntegrationEvent;
