using DaprShop.Contracts.Ordering;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Saga;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.IntegrationEvents;

/// <summary>
/// The backstop of a customer's cancel, as <see cref="StartSagaOnOrderCreated"/> is of a placement: the cancel route
/// commits the order's move with <c>OrderCancelled</c> and then starts the cancellation workflow; if that start failed
/// (the workflow API timed out), ordering's own <c>OrderCancelled</c> starts it, so the money and stock still come
/// back. Only for a cancel by the customer: a saga that ended an order cancelled or failed gave back itself.
/// </summary>
internal sealed class StartCancellationOnOrderCancelled(OrderingDb db, SagaStarter sagas) : IIntegrationEventHandler<OrderCancelled>
{
    public const string CustomerCancel = "customer:cancel";

    public async Task HandleAsync(OrderCancelled @event, CancellationToken ct)
    {
        var byCustomer = await db.History.AsNoTracking()
            .AnyAsync(h => h.OrderId == @event.OrderId && h.ToStatus == "cancelled" && h.Cause == CustomerCancel, ct);
        if (byCustomer) await sagas.StartCancellationAsync(new OrderRef(db.RequireTenant(), @event.OrderId), ct);
    }
}
