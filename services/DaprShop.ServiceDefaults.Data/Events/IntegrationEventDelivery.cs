using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>One delivery of an event to its handler, answered with Dapr's SUCCESS / RETRY / DROP.</summary>
internal static partial class IntegrationEventDelivery
{
    static readonly object Success = new { status = "SUCCESS" };
    static readonly object Retry = new { status = "RETRY" };
    static readonly object Drop = new { status = "DROP" };

    public static async Task<IResult> HandleAsync<TEvent, THandler>(HttpContext http, CancellationToken ct)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILogger<THandler>>();
        TEvent? @event;
        try
        {
            @event = await JsonSerializer.DeserializeAsync<TEvent>(http.Request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException e)
        {
            LogUnreadable(logger, typeof(TEvent).Name, e);
            return Results.Ok(Drop);
        }

        if (@event is null || @event.TenantId == Guid.Empty || @event.EventId == Guid.Empty)
        {
            LogUnreadable(logger, typeof(TEvent).Name, null);
            return Results.Ok(Drop);
        }

        services.GetRequiredService<ITenantContext>().Set(@event.TenantId);
        CorrelationId.Adopt(http, @event.CorrelationId);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["CorrelationId"] = CorrelationId.Of(http),
            ["TenantId"] = @event.TenantId.ToString(),
            ["EventId"] = @event.EventId,
            ["EventType"] = @event.EventType,
        });
        try
        {
            var handler = ActivatorUtilities.CreateInstance<THandler>(services);
            var applied = await services.GetRequiredService<IEventIdempotency>()
                .HandleOnceAsync(@event.EventId, typeof(THandler).Name, c => handler.HandleAsync(@event, c), ct);
            if (!applied) LogDuplicate(logger, @event.EventType, @event.EventId);
            return Results.Ok(Success);
        }
        catch (Exception e) when (e is PermanentEventFailureException or TenantIsolationException)
        {
            LogDropped(logger, @event.EventType, @event.EventId, e);
            return Results.Ok(Drop);
        }
#pragma warning disable CA1031 // Whatever else failed (database, sidecar, a timeout) may succeed later: ask Dapr to redeliver.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRetry(logger, @event.EventType, @event.EventId, e);
            return Results.Ok(Retry);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropping an unreadable {EventType} delivery (no tenant, no event id, or not JSON)")]
    static partial void LogUnreadable(ILogger logger, string eventType, Exception? e);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} {EventId} was already handled; redelivery ignored")]
    static partial void LogDuplicate(ILogger logger, string eventType, Guid eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropping {EventType} {EventId}: it can never be handled")]
    static partial void LogDropped(ILogger logger, string eventType, Guid eventId, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventType} {EventId} failed; asking for redelivery")]
    static partial void LogRetry(ILogger logger, string eventType, Guid eventId, Exception e);
}
