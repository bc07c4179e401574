using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Correlation;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// The one way a service publishes: <see cref="Stage{TEvent}"/> stamps the event with the tenant, the correlation id
/// and the time, and adds it to the service's outbox. The caller's next <c>SaveChanges</c> writes it in the same
/// transaction as the change it announces; the relay sends it after commit.
/// </summary>
public sealed class IntegrationEventOutbox(DbContext db, ITenantContext tenant, ICorrelationContext correlation, TimeProvider clock)
{
    /// <summary>
    /// Stages <paramref name="event"/> for <paramref name="topic"/> and returns it as stamped. The tenant is the
    /// request's; an event that already names a tenant (a platform action for another tenant) keeps its own.
    /// </summary>
    public TEvent Stage<TEvent>(string topic, TEvent @event) where TEvent : IntegrationEvent
    {
        var tenantId = @event.TenantId != Guid.Empty
            ? @event.TenantId
            : tenant.TenantId ?? throw new TenantIsolationException($"{@event.EventType}: an event with no tenant in context");
        var stamped = (TEvent)((IntegrationEvent)@event with
        {
            TenantId = tenantId,
            CorrelationId = correlation.CorrelationId,
            OccurredAt = clock.GetUtcNow(),
        });
        db.AddToOutbox(topic, stamped);
        return stamped;
    }
}
