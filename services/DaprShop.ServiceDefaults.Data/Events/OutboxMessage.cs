namespace DaprShop.ServiceDefaults.Events;

/// <summary>
/// An integration event written in the same transaction as the change that caused it, and sent by the
/// <see cref="OutboxRelay{TContext}"/> afterwards — so a committed change never loses its event, and an
/// event never leaves for a change that rolled back.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string Topic { get; set; } = "";
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
