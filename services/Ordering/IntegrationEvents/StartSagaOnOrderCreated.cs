using DaprShop.Contracts.Ordering;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.Ordering.Placement;
using DaprShop.Ordering.Saga;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Ordering.IntegrationEvents;

/// <summary>
/// The backstop of the placement: ordering receives its own <c>OrderCreated</c> (sent by the outbox, so it comes even
/// when the process died right after the commit) and starts the saga of a still pending order that has none.
/// </summary>
internal sealed class StartSagaOnOrderCreated(OrderingDb db, SagaStarter sagas, IOptions<OrderingOptions> options)
    : IIntegrationEventHandler<OrderCreated>
{
    public async Task HandleAsync(OrderCreated @event, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == @event.OrderId, ct);
        if (order is null || order.Status != OrderStatus.Pending.ToCode()) return;
        await sagas.StartSagaAsync(new OrderSagaInput(order.Id, order.TenantId, order.CustomerId, order.ShippingAddressId,
            order.BillingAddressId, order.PaymentMethodToken, options.Value.PaymentResultTimeoutSeconds), ct);
    }
}
