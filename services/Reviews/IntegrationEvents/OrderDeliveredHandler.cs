using DaprShop.Contracts.Ordering;
using DaprShop.Reviews.Data;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Reviews.IntegrationEvents;

/// <summary>
/// A delivered order makes its customer a verified purchaser of each of its products. Idempotent twice over: the kit
/// records the event id, and a (tenant, customer, product) already recorded is left alone, so a redelivery, a second
/// order of the same product or an out-of-order delivery all leave one purchase.
/// </summary>
internal sealed class OrderDeliveredHandler(IReviewStore store) : IIntegrationEventHandler<OrderDelivered>
{
    public async Task HandleAsync(OrderDelivered @event, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event.CustomerId == Guid.Empty || @event.Lines is null)
            throw new PermanentEventFailureException($"OrderDelivered {@event.OrderId} names no customer or no lines");
        var products = @event.Lines.Where(l => l is not null && l.ProductId != Guid.Empty).Select(l => l.ProductId).Distinct().ToList();
        await store.RecordPurchasesAsync(@event.CustomerId, products, @event.OrderId, @event.DeliveredAt, ct);
    }
}
