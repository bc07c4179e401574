namespace DaprShop.Payment.Domain;

/// <summary>
/// A provider webhook event already applied, by the provider's event id: a replay of the same signed message within
/// the timestamp tolerance finds its row and is refused. Provider-wide, not tenant-owned: the event id is the provider's.
/// </summary>
internal sealed class ProcessedWebhook
{
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
