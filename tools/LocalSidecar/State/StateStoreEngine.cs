using System.Globalization;

namespace DaprShop.LocalSidecar.State;

public enum EtagFailure { Mismatch, Invalid }

/// <summary>daprd maps an ETag mismatch to gRPC Aborted (SDK <c>TrySave…</c> → false) and an unparsable ETag to InvalidArgument.</summary>
public sealed class EtagException(EtagFailure failure, string message) : Exception(message)
{
    public EtagFailure Failure { get; } = failure;
}

/// <summary>One write of a save, delete or transaction, on a fully prefixed key.</summary>
public sealed record StateWrite(string Key, bool IsDelete, byte[]? Value, string? Etag, bool FirstWrite, TimeSpan? Ttl);

public sealed record StateEntry(byte[] Value, long Version, DateTimeOffset? ExpiresAt)
{
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// An in-memory state store with the semantics of Dapr's Redis component, which DaprShop configures:
/// integer version ETags starting at 1, first-write and last-write concurrency, <c>ttlInSeconds</c>,
/// and all-or-nothing multi-key transactions. Expired keys read as absent.
/// </summary>
public sealed class StateStoreEngine(string name, TimeProvider time)
{
    readonly Lock _gate = new();
    readonly Dictionary<string, StateEntry> _data = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public StateEntry? Get(string key)
    {
        lock (_gate) return Live(key);
    }

    public IReadOnlyList<string> Keys(string prefix = "")
    {
        lock (_gate) return _data.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && Live(k) is not null).ToList();
    }

    /// <summary>Applies every write or none: all ETag checks run before the first change.</summary>
    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        lock (_gate)
        {
            foreach (var w in writes) Check(w);
            foreach (var w in writes)
            {
                if (w.IsDelete) { _data.Remove(w.Key); continue; }
                var version = (Live(w.Key)?.Version ?? 0) + 1;
                DateTimeOffset? expires = w.Ttl is { } ttl && ttl > TimeSpan.Zero ? time.GetUtcNow() + ttl : null;
                _data[w.Key] = new StateEntry(w.Value ?? [], version, expires);
            }
        }
    }

    void Check(StateWrite w)
    {
        var current = Live(w.Key);
        if (!string.IsNullOrEmpty(w.Etag))
        {
            if (!long.TryParse(w.Etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
                throw new EtagException(EtagFailure.Invalid, $"invalid etag value: {w.Etag}");
            if (current is null || current.Version != expected)
                throw new EtagException(EtagFailure.Mismatch, "possible etag mismatch. error from state store: ERR Error running script");
        }
        else if (w.FirstWrite && !w.IsDelete && current is not null)
        {
            throw new EtagException(EtagFailure.Mismatch, "first-write: the key exists and no etag was given");
        }
    }

    StateEntry? Live(string key)
    {
        if (!_data.TryGetValue(key, out var e)) return null;
        if (e.ExpiresAt is { } at && at <= time.GetUtcNow())
        {
            _data.Remove(key);
            return null;
        }
        return e;
    }
}
