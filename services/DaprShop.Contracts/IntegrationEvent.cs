namespace DaprShop.Contracts;

/// <summary>
/// What every integration event carries: its own id (the idempotency key of every handler, since
/// delivery is at-least-once), the tenant it belongs to, the correlation id of the request that caused
/// it, and when it happened. The CloudEvent <c>type</c> is the concrete record's name. A service stages events through
/// the kit's outbox, which stamps tenant, correlation id and time; only an event for another tenant than the request's
/// (a platform action) names its tenant itself.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public string CorrelationId { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The CloudEvent type subscribers route on.</summary>
    public string EventType => GetType().Name;
}
