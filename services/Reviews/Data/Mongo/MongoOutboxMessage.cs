namespace DaprShop.Reviews.Data.Mongo;

/// <summary>
/// An event waiting to be sent, written in the same MongoDB transaction as the change that caused it (the kit's
/// PostgreSQL outbox is not reachable from a MongoDB transaction). <see cref="MongoOutboxRelay"/> sends it. The same
/// shape as catalog's: the lead may fold both into a MongoDB kit.
/// </summary>
internal sealed class MongoOutboxMessage
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Topic { get; set; } = "";
    public string EventType { get; set; } = "";
    /// <summary>The event as JSON, exactly as the PostgreSQL outbox stores it.</summary>
    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Also the lease: a relay claiming the message pushes it forward so another replica leaves it alone.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
