using DaprShop.Cart.Actors;
using DaprShop.Cart.Apis;
using DaprShop.Contracts.Ordering;
using DaprShop.ServiceDefaults.Events;

namespace DaprShop.Cart.IntegrationEvents;

/// <summary>
/// A confirmed checkout of a customer's cart takes the ordered quantities out of that cart (not the whole cart: what
/// the customer added while the order was being confirmed stays). Orders of explicit lines leave the cart alone.
/// Idempotent twice over: the kit records the event id after the actor answered, and the actor remembers the order id
/// in the cart's own document, so a redelivery between the two changes nothing either.
/// </summary>
internal sealed partial class TakeOutOnOrderConfirmed(CartActors actors, ILogger<TakeOutOnOrderConfirmed> logger)
    : IIntegrationEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed @event, CancellationToken ct)
    {
        if (@event.Cart is not { } checkedOut) return;
        var command = new CartCommand(@event.TenantId) { OrderId = @event.OrderId, OrderedLines = checkedOut.Lines };
        var outcome = await actors.CallAsync(CartActorIds.User(@event.TenantId, checkedOut.CustomerId), nameof(ICartActor.CheckOutAsync), command, ct);
        // The actor or its store could not answer: Dapr delivers the event again.
        if (!outcome.IsSuccess) throw new InvalidOperationException($"cart of {checkedOut.CustomerId}: {outcome.Status} {outcome.Detail}");
        LogTakenOut(logger, @event.OrderId, checkedOut.CustomerId, outcome.Replayed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} taken out of the cart of {CustomerId} (already before: {Replayed})")]
    static partial void LogTakenOut(ILogger logger, Guid orderId, Guid customerId, bool replayed);
}
