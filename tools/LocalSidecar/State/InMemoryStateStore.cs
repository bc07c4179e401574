using System.Globalization;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// A state store in memory, for tests that want no Redis: the semantics of <see cref="IStateStoreEngine"/>, with TTLs
/// on the cluster's clock (a fake clock expires keys). Expired keys read as absent.
/// </summary>
public sealed class InMemoryStateStore(string name, TimeProvider time, TimeSpan? defaultTtl = null) : IStateStoreEngine
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

    public void Write(StateWrite write)
    {
        var w = ScriptWrite.For(write, inTransaction: false);
        lock (_gate)
        {
            if (!Run(w, inTransaction: false)) throw w.Refusal();
        }
    }

    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        var prepared = writes.Select(w => ScriptWrite.For(w, inTransaction: true)).ToList();
        EtagException? first = null;
        lock (_gate)
        {
            foreach (var w in prepared)
            {
                if (!Run(w, inTransaction: true)) first ??= w.Refusal();
            }
        }
        if (first is not null) throw first;
    }

    /// <summary>One script of daprd's, then (for a set) its EXPIRE/PERSIST: in a transaction even when refused.</summary>
    bool Run(ScriptWrite s, bool inTransaction)
    {
        var w = s.Write;
        var current = Live(w.Key);
        var passes = s.Passes(current?.Version.ToString(CultureInfo.InvariantCulture), current?.FirstWrite ?? false);
        if (w.IsDelete)
        {
            if (passes) _data.Remove(w.Key);
            return passes;
        }
        if (passes)
        {
            current = new StateEntry(w.Value ?? [], (current?.Version ?? 0) + 1, current?.ExpiresAt, current?.FirstWrite == true || s.Mark);
            _data[w.Key] = current;
        }
        if ((passes || inTransaction) && current is not null && (w.Ttl ?? defaultTtl) is { } ttl)
            _data[w.Key] = current with { ExpiresAt = ttl > TimeSpan.Zero ? time.GetUtcNow() + ttl : null };
        return passes;
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
