using DaprShop.Contracts;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>Publishes integration events through Dapr pub/sub with the CloudEvent type set to the event's name.</summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync<TEvent>(string topic, TEvent @event, CancellationToken ct) where TEvent : IntegrationEvent;
}
