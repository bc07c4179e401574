namespace DaprShop.ServiceDefaults.Events;

/// <summary>An event a handler has already applied; its key makes redelivery a no-op.</summary>
public sealed class ProcessedEvent
{
    public Guid EventId { get; set; }
    public string Handler { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
