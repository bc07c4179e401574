using System.Collections.Concurrent;
using System.Threading.Channels;

namespace DaprShop.LocalSidecar.Configuration;

public sealed record ConfigItem(string Value, string Version, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// An in-memory configuration store (the role Redis plays for <c>configuration.redis</c>): items with
/// versions, and subscriptions that receive every change to the keys they watch (all keys when none given).
/// Tests and the standalone runner change items through <see cref="Set"/> — the stand-in for writing to Redis.
/// </summary>
public sealed class ConfigurationStoreEngine(string name)
{
    readonly Lock _gate = new();
    readonly Dictionary<string, ConfigItem> _items = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (IReadOnlyList<string> Keys, Channel<IReadOnlyDictionary<string, ConfigItem>> Updates)> _subscriptions = new();
    long _version;

    public string Name { get; } = name;

    public IReadOnlyDictionary<string, ConfigItem> Get(IReadOnlyCollection<string> keys)
    {
        lock (_gate)
            return _items.Where(kv => keys.Count == 0 || keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Sets (or, with a null value, deletes) items and notifies subscribers of the keys that changed.</summary>
    public void Set(IReadOnlyDictionary<string, string?> changes, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Dictionary<string, ConfigItem> changed = new(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (key, value) in changes)
            {
                var item = new ConfigItem(value ?? "", (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    metadata ?? new Dictionary<string, string>());
                if (value is null) _items.Remove(key); else _items[key] = item;
                changed[key] = item;
            }
        }
        foreach (var (_, (keys, updates)) in _subscriptions)
        {
            var relevant = changed.Where(kv => keys.Count == 0 || keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (relevant.Count > 0) updates.Writer.TryWrite(relevant);
        }
    }

    public void Set(string key, string? value) => Set(new Dictionary<string, string?> { [key] = value });

    public (string Id, ChannelReader<IReadOnlyDictionary<string, ConfigItem>> Updates) Subscribe(IReadOnlyList<string> keys)
    {
        var id = Guid.NewGuid().ToString();
        var channel = Channel.CreateUnbounded<IReadOnlyDictionary<string, ConfigItem>>();
        _subscriptions[id] = (keys, channel);
        return (id, channel.Reader);
    }

    public bool Unsubscribe(string id)
    {
        if (!_subscriptions.TryRemove(id, out var s)) return false;
        s.Updates.Writer.TryComplete();
        return true;
    }

    public int SubscriberCount => _subscriptions.Count;
}
