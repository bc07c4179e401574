using DaprShop.Contracts;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// Applies one integration event. Created per delivery in a scope acting for the event's tenant, and run inside
/// <see cref="IdempotentHandling.HandleOnceAsync"/>: its writes to the service's DbContext commit together with the
/// record that the event was handled, so a redelivery changes nothing.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken ct);
}
