using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Events;

internal sealed class DaprIntegrationEventPublisher(DaprClient dapr, ILogger<DaprIntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public async Task PublishAsync<TEvent>(string topic, TEvent @event, CancellationToken ct) where TEvent : IntegrationEvent
    {
        // The CloudEvent type names the event, so subscribers route on it (Dapr routing rules).
        var metadata = new Dictionary<string, string> { ["cloudevent.type"] = @event.EventType, ["cloudevent.id"] = @event.EventId.ToString() };
        await dapr.PublishEventAsync(Components.PubSub, topic, @event, metadata, ct);
        logger.LogInformation("Published {EventType} {EventId} to {Topic} for tenant {TenantId}", @event.EventType, @event.EventId, topic, @event.TenantId);
    }
}
