using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Events;

internal static class EventExtensions
{
    public static void AddIntegrationEvents(this IServiceCollection services) =>
        services.AddScoped<IIntegrationEventPublisher, DaprIntegrationEventPublisher>();
}
