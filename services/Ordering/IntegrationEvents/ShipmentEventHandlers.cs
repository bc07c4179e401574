using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Shipping;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.IntegrationEvents;

/// <summary>
/// shipping's facts become the order's: <c>ShipmentDispatched</c> moves it Processing → Shipped with
/// <c>OrderShipped</c>, <c>ShipmentDelivered</c> Shipped → Delivered with <c>OrderDelivered</c> (docs/events.md:
/// ordering owns the order's states; shipping never speaks for an order). Each move is the one conditional UPDATE of
/// <see cref="OrderCommands"/>, so a redelivery finds the order there already and changes nothing.
/// </summary>
internal sealed partial class ShipmentProgress(OrderingDb db, OrderCommands commands, ILogger<ShipmentProgress> logger)
{
    public async Task MoveAsync(Guid orderId, OrderStatus to, string cause, Func<OrderFacts, IntegrationEvent> announce, CancellationToken ct)
    {
        var facts = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new OrderFacts(o.Number, o.CustomerId, o.Lines.OrderBy(l => l.LineNo).Select(l => new OrderedLine(l.ProductId, l.Quantity)).ToList()))
            .SingleOrDefaultAsync(ct)
            ?? throw new PermanentEventFailureException($"no order {orderId} in this tenant");
        var outcome = await commands.TransitionAsync(orderId, to, cause, null, ct, announce(facts));
        switch (outcome.Result)
        {
            case TransitionResult.Applied or TransitionResult.AlreadyThere:
                return;
            case TransitionResult.NotFound:
                throw new PermanentEventFailureException($"no order {orderId} in this tenant");
        }
        var current = outcome.Current!.Value;
        // Delivered before its dispatch arrived (pub/sub keeps no order): the broker redelivers until Shipped is there.
        if (to == OrderStatus.Delivered && current == OrderStatus.Processing)
            throw new InvalidOperationException($"order {orderId} is not shipped yet; waiting for ShipmentDispatched");
        // Already further on (a late duplicate), or cancelled while the parcel went out: the cancellation's
        // compensation could not cancel the shipment and flagged the order for operators; nothing to move here.
        LogNotMoved(logger, orderId, current.ToCode(), to.ToCode());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is {Current}: not moved to {Target}")]
    static partial void LogNotMoved(ILogger logger, Guid orderId, string current, string target);
}

/// <summary>What the order events of a shipment's progress say about the order.</summary>
internal sealed record OrderFacts(string Number, Guid CustomerId, IReadOnlyList<OrderedLine> Lines);

internal sealed class ShipOnShipmentDispatched(ShipmentProgress progress) : IIntegrationEventHandler<ShipmentDispatched>
{
    public Task HandleAsync(ShipmentDispatched e, CancellationToken ct) =>
        progress.MoveAsync(e.OrderId, OrderStatus.Shipped, "shipping:dispatched",
            o => new OrderShipped(e.OrderId, o.Number, o.CustomerId, e.Carrier, e.TrackingNumber, e.TrackingUrl), ct);
}

internal sealed class DeliverOnShipmentDelivered(ShipmentProgress progress) : IIntegrationEventHandler<ShipmentDelivered>
{
    public Task HandleAsync(ShipmentDelivered e, CancellationToken ct) =>
        progress.MoveAsync(e.OrderId, OrderStatus.Delivered, "shipping:delivered",
            o => new OrderDelivered(e.OrderId, o.Number, o.CustomerId, o.Lines, e.DeliveredAt), ct);
}
