using DaprShop.Contracts.Ordering;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Inventory.IntegrationEvents;

/// <summary>
/// A cancelled order's held stock is released. A duplicate finds it released. A cancellation after the commit changes
/// nothing here: the units come back through ordering's explicit return (<c>POST …/{orderId}/return</c>, the
/// conditional move committed → returned), never through this event, so a cancellation delivered twice, or before or
/// after that return, cannot put them back a second time.
/// </summary>
internal sealed partial class ReleaseOnOrderCancelled(ReservationBook book, ILogger<ReleaseOnOrderCancelled> logger)
    : IIntegrationEventHandler<OrderCancelled>
{
    public const int MaxReasonLength = 200;

    public async Task HandleAsync(OrderCancelled @event, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(@event.Reason) ? "order cancelled" : @event.Reason.Replace("\0", "", StringComparison.Ordinal);
        if (reason.Length > MaxReasonLength) reason = reason[..MaxReasonLength];
        var outcome = await book.ReleaseAsync(@event.OrderId, $"order cancelled: {reason}", "event:OrderCancelled", ct);
        if (outcome.Result == ReservationResult.Conflict) LogNotHeld(logger, @event.OrderId, outcome.Reservation!.Status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was cancelled while its reservation is {Status}; nothing released (ordering returns committed units)")]
    static partial void LogNotHeld(ILogger logger, Guid orderId, string status);
}
