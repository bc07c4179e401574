namespace DaprShop.Contracts;

/// <summary>
/// What every integration event carries: its own id (the idempotency key of every handler, since
/// delivery is at-least-once), the tenant it belongs to, the correlation id of the request that caused
/// it, and when it happened. The CloudEvent <c>type</c> is the concrete record's name.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
    public required Guid TenantId { get; init; }
    public required string CorrelationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The CloudEvent type subscribers route on.</summary>
    public string EventType => GetType().Name;
}
