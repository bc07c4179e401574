using Dapr;
using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Events;

public static class IntegrationEventsExtensions
{
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEndpointRouteBuilder, Dictionary<string, int>> Priorities = new();

    static int NextPriority(IEndpointRouteBuilder app, string topic)
    {
        var byTopic = Priorities.GetOrCreateValue(app);
        lock (byTopic) return byTopic[topic] = byTopic.GetValueOrDefault(topic) + 1;
    }

    /// <summary>
    /// Publishing and receiving events with <typeparamref name="TContext"/> as the service's event store: the outbox
    /// relay, <see cref="IntegrationEventOutbox"/>, and the processed-event records behind
    /// <see cref="MapIntegrationEvent{TEvent, THandler}"/>. The model must call <c>AddOutbox()</c> and
    /// <c>AddProcessedEvents()</c>.
    /// </summary>
    public static IServiceCollection AddIntegrationEvents<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<IntegrationEventOutbox>(sp, sp.GetRequiredService<TContext>()));
        return services.AddIntegrationEventHandling<TContext>();
    }

    /// <summary>
    /// Receiving events only (a service that consumes but publishes nothing, e.g. cart): the processed-event records
    /// behind <see cref="MapIntegrationEvent{TEvent, THandler}"/>, without an outbox and its relay. The model must call
    /// <c>AddProcessedEvents()</c>.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandling<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddScoped<IEventIdempotency>(sp => new EventIdempotency(sp.GetRequiredService<TContext>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Receiving events in a service whose store is not EF Core (catalog on MongoDB), for handlers that are idempotent
    /// by themselves — a conditional write keyed on the event's own version, say — so no processed-event record is
    /// needed: each delivery simply runs the handler. Never for a handler whose effect would repeat.
    /// </summary>
    public static IServiceCollection AddSelfIdempotentEventHandling(this IServiceCollection services)
    {
        services.AddScoped<IEventIdempotency, UnrecordedEventHandling>();
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/> on <paramref name="topic"/>: a route
    /// only the sidecar may call, declared to Dapr with a routing rule on the CloudEvent type. Each delivery acts for the
    /// event's tenant, logs under its correlation id, and runs once per event id; it answers RETRY on a transient failure
    /// and DROP (logged) on an event that can never be handled.
    /// </summary>
    public static RouteHandlerBuilder MapIntegrationEvent<TEvent, THandler>(this IEndpointRouteBuilder app, string topic)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var eventType = typeof(TEvent).Name;
        return app.MapPost($"/events/{topic}/{eventType}", IntegrationEventDelivery.HandleAsync<TEvent, THandler>)
            .WithTopic(new TopicOptions
            {
                PubsubName = Components.PubSub,
                Name = topic,
                Match = $"event.type == \"{eventType}\"",
                // The rules of one topic cannot overlap (one type each), but Dapr wants their priorities distinct.
                Priority = NextPriority(app, topic),
            })
            .RequireDaprSidecar()
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
