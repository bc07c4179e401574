using DaprShop.Contracts.Inventory;
using DaprShop.Contracts.Ordering;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Inventory.IntegrationEvents;

/// <summary>
/// A confirmed order's reservation becomes a stock decrement. A duplicate finds it committed (or returned, when the
/// order was cancelled since). A confirmation that arrives after the reservation was released changes nothing: the
/// order was cancelled meanwhile (ordering releases a held reservation on cancel), so the units are where they belong.
/// After an expiry it changes nothing either, but that one is logged as an error: the order needs attention, the units
/// may have been sold since. An order with no reservation is logged and dropped.
/// </summary>
internal sealed partial class CommitOnOrderConfirmed(ReservationBook book, ILogger<CommitOnOrderConfirmed> logger)
    : IIntegrationEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed @event, CancellationToken ct)
    {
        var outcome = await book.CommitAsync(@event.OrderId, "event:OrderConfirmed", ct);
        switch (outcome.Result)
        {
            case ReservationResult.NotFound:
                LogNoReservation(logger, @event.OrderId);
                break;
            case ReservationResult.Conflict when outcome.Reservation!.Status == ReservationStatuses.Returned:
                break; // confirmed, committed, cancelled and returned: a late duplicate of this event
            case ReservationResult.Conflict when outcome.Reservation!.Status == ReservationStatuses.Released:
                LogCancelledMeanwhile(logger, @event.OrderId);
                break;
            case ReservationResult.Conflict:
                LogTooLate(logger, @event.OrderId, outcome.Reservation!.Status);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was confirmed but has no reservation; nothing to commit")]
    static partial void LogNoReservation(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was confirmed after its reservation was released (cancelled meanwhile); nothing to commit")]
    static partial void LogCancelledMeanwhile(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} was confirmed but its reservation is {Status}; no stock was committed")]
    static partial void LogTooLate(ILogger logger, Guid orderId, string status);
}
