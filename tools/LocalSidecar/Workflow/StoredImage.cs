using Dapr.DurableTask.Protobuf;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>
/// What the actor state store holds for one instance, as of the last successful write: the history and inbox rows
/// (the very event objects, so a diff by reference finds what a turn added, consumed or replaced), the custom status
/// and daprd's generation counter. A failed write leaves it untouched, so the next write carries the change again.
/// </summary>
sealed class StoredImage
{
    public List<HistoryEvent> History { get; set; } = [];
    public List<HistoryEvent> Inbox { get; set; } = [];
    public bool CustomStatusStored { get; set; }
    public string? CustomStatus { get; set; }
    public bool MetadataStored { get; set; }
    public ulong Generation { get; set; }
}
