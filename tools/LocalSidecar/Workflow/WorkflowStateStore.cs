using Dapr.DurableTask.Protobuf;
using DaprShop.LocalSidecar.State;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DaprShop.LocalSidecar.Workflow;

/// <summary>One instance as read back from the actor state store.</summary>
sealed record StoredInstance(string InstanceId, List<HistoryEvent> History, List<HistoryEvent> Inbox, string? CustomStatus,
    bool CustomStatusStored, ulong Generation);

/// <summary>
/// Workflow state in the actor state store, in daprd's layout (dapr/dapr <c>pkg/runtime/wfengine/state</c>): under the
/// workflow actor <c>{appId}||dapr.internal.{namespace}.{appId}.workflow||{instanceId}||…</c> the rows
/// <c>history-000000</c>… and <c>inbox-000000</c>… (one protobuf <c>HistoryEvent</c> each), <c>customStatus</c> (a
/// protobuf <c>StringValue</c>) and <c>metadata</c> (a protobuf <c>BackendWorkflowStateMetadata</c>: inbox length,
/// history length, generation). Like daprd, a fired timer is never an inbox row: the timer is re-armed from its
/// <c>TimerCreated</c> event instead.
/// </summary>
sealed class WorkflowStateStore(IStateStoreEngine store, string ns)
{
    const string MetadataKey = "metadata";
    const string CustomStatusKey = "customStatus";

    public string ActorType(string appId) => $"dapr.internal.{ns}.{appId}.workflow";

    string Prefix(string appId, string instanceId) => $"{appId}||{ActorType(appId)}||{instanceId}||";

    /// <summary>daprd pads the index to six digits (and lets it grow past them).</summary>
    static string Row(string kind, int index) => $"{kind}-{index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The inbox rows daprd would keep: everything but fired timers.</summary>
    public static List<HistoryEvent> Persistable(IEnumerable<HistoryEvent> inbox) => inbox.Where(e => e.TimerFired is null).ToList();

    public void Apply(IReadOnlyList<StateWrite> writes) => store.Apply(writes);

    /// <summary>
    /// Adds the writes that bring the stored rows of an instance up to date; returns what to record once they
    /// committed, or null when nothing changed. Custom status is written only with history, as daprd does.
    /// </summary>
    public Action? AddChanges(string appId, InstanceRecord i, List<StateWrite> writes)
    {
        var image = i.Stored;
        var prefix = Prefix(appId, i.InstanceId);
        var history = i.History.ToList();
        var inbox = Persistable(i.Inbox);
        var historyChanged = Diff(prefix, "history", history, image.History, writes);
        var inboxChanged = Diff(prefix, "inbox", inbox, image.Inbox, writes);
        var statusChanged = historyChanged && (!image.CustomStatusStored || image.CustomStatus != i.CustomStatus);
        if (statusChanged)
            writes.Add(Upsert(prefix + CustomStatusKey, new StringValue { Value = i.CustomStatus ?? "" }.ToByteArray()));
        if (!historyChanged && !inboxChanged && image.MetadataStored && image.Generation == i.Generation) return null;
        writes.Add(Upsert(prefix + MetadataKey, EncodeMetadata((ulong)inbox.Count, (ulong)history.Count, i.Generation)));
        var status = i.CustomStatus;
        var generation = i.Generation;
        return () =>
        {
            image.History = history;
            image.Inbox = inbox;
            if (statusChanged)
            {
                image.CustomStatusStored = true;
                image.CustomStatus = status;
            }
            image.MetadataStored = true;
            image.Generation = generation;
        };
    }

    /// <summary>Deletes every row an instance has in the store (purge).</summary>
    public void AddPurge(string appId, InstanceRecord i, List<StateWrite> writes)
    {
        var image = i.Stored;
        if (!image.MetadataStored) return;
        var prefix = Prefix(appId, i.InstanceId);
        for (var n = 0; n < image.History.Count; n++) writes.Add(Delete(prefix + Row("history", n)));
        for (var n = 0; n < image.Inbox.Count; n++) writes.Add(Delete(prefix + Row("inbox", n)));
        if (image.CustomStatusStored) writes.Add(Delete(prefix + CustomStatusKey));
        writes.Add(Delete(prefix + MetadataKey));
    }

    /// <summary>Upserts rows whose event is new or replaced, deletes rows past the new end; true when anything changed.</summary>
    static bool Diff(string prefix, string kind, List<HistoryEvent> now, List<HistoryEvent> stored, List<StateWrite> writes)
    {
        var changed = false;
        for (var n = 0; n < now.Count; n++)
        {
            if (n < stored.Count && ReferenceEquals(now[n], stored[n])) continue;
            writes.Add(Upsert(prefix + Row(kind, n), now[n].ToByteArray()));
            changed = true;
        }
        for (var n = now.Count; n < stored.Count; n++)
        {
            writes.Add(Delete(prefix + Row(kind, n)));
            changed = true;
        }
        return changed;
    }

    static StateWrite Upsert(string key, byte[] value) => new(key, false, value, null, false, TimeSpan.Zero);

    static StateWrite Delete(string key) => new(key, true, null, null, false, null);

    /// <summary>Every (app id, instance id) with a metadata row in the store.</summary>
    public IReadOnlyList<(string AppId, string InstanceId)> FindInstances()
    {
        var found = new List<(string, string)>();
        var marker = $"||dapr.internal.{ns}.";
        foreach (var key in store.Keys())
        {
            if (!key.EndsWith("||" + MetadataKey, StringComparison.Ordinal)) continue;
            var appEnd = key.IndexOf(marker, StringComparison.Ordinal);
            if (appEnd <= 0) continue;
            var appId = key[..appEnd];
            var prefix = $"{appId}||{ActorType(appId)}||";
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var id = key[prefix.Length..^(MetadataKey.Length + 2)];
            if (id.Length > 0) found.Add((appId, id));
        }
        return found;
    }

    /// <summary>Reads an instance back; null when it has no metadata row.</summary>
    /// <exception cref="FormatException">Rows the metadata declares are missing or unreadable.</exception>
    public StoredInstance? Load(string appId, string instanceId)
    {
        var prefix = Prefix(appId, instanceId);
        if (store.Get(prefix + MetadataKey) is not { } meta) return null;
        var (inboxLength, historyLength, generation) = DecodeMetadata(meta.Value);
        var history = Rows(prefix, "history", historyLength);
        var inbox = Rows(prefix, "inbox", inboxLength);
        var status = store.Get(prefix + CustomStatusKey);
        string? customStatus = null;
        if (status is not null)
        {
            try { customStatus = StringValue.Parser.ParseFrom(status.Value).Value; }
            catch (InvalidProtocolBufferException e) { throw new FormatException($"{prefix}{CustomStatusKey}: {e.Message}", e); }
        }
        // A workflow that set none is stored as an empty StringValue, as daprd stores it.
        return new StoredInstance(instanceId, history, inbox, string.IsNullOrEmpty(customStatus) ? null : customStatus, status is not null, generation);
    }

    List<HistoryEvent> Rows(string prefix, string kind, ulong count)
    {
        // daprd's own bound against a corrupted length.
        if (count > 1_000_000) throw new FormatException($"{prefix}{MetadataKey}: {kind} length {count} exceeds 1000000");
        var rows = new List<HistoryEvent>((int)count);
        for (var n = 0; n < (int)count; n++)
        {
            var key = prefix + Row(kind, n);
            var entry = store.Get(key) ?? throw new FormatException($"{key} is declared in the metadata but missing from the store");
            try { rows.Add(HistoryEvent.Parser.ParseFrom(entry.Value)); }
            catch (InvalidProtocolBufferException e) { throw new FormatException($"{key}: {e.Message}", e); }
        }
        return rows;
    }

    // BackendWorkflowStateMetadata (durabletask-protobuf backend_service.proto): inboxLength = 1, historyLength = 2,
    // generation = 3, all uint64; the signing fields (4-6) stay zero, so they are absent as in proto3's encoding.
    internal static byte[] EncodeMetadata(ulong inboxLength, ulong historyLength, ulong generation)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        if (inboxLength != 0) { output.WriteTag(1, WireFormat.WireType.Varint); output.WriteUInt64(inboxLength); }
        if (historyLength != 0) { output.WriteTag(2, WireFormat.WireType.Varint); output.WriteUInt64(historyLength); }
        if (generation != 0) { output.WriteTag(3, WireFormat.WireType.Varint); output.WriteUInt64(generation); }
        output.Flush();
        return buffer.ToArray();
    }

    internal static (ulong InboxLength, ulong HistoryLength, ulong Generation) DecodeMetadata(byte[] value)
    {
        ulong inbox = 0, history = 0, generation = 0;
        try
        {
            var input = new CodedInputStream(value);
            for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1: inbox = input.ReadUInt64(); break;
                    case 2: history = input.ReadUInt64(); break;
                    case 3: generation = input.ReadUInt64(); break;
                    default: input.SkipLastField(); break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            // daprd ≤ 1.14 wrote JSON metadata; the local sidecar never did and does not read it.
            throw new FormatException($"unreadable workflow metadata: {e.Message}", e);
        }
        return (inbox, history, generation);
    }
}
