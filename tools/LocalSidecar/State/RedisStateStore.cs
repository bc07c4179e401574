using System.Globalization;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.State;

/// <summary>
/// A <c>state.redis</c> component's data in the Redis its metadata names, in daprd's own layout
/// (components-contrib <c>state/redis</c>): each key a hash with <c>data</c> (the value's bytes as given) and
/// <c>version</c> (the ETag, an integer from 1, <c>HINCRBY</c>), plus <c>first-write</c> when saved under first-write
/// concurrency; TTLs are Redis <c>EXPIRE</c>s (Redis's clock, as daprd's). So a key written here reads back under
/// daprd and the reverse. The writes of a call run as one Lua script following daprd's scripts write by write.
/// Keys starting with <see cref="OwnKeyPrefix"/> are the local sidecar's own (reminders), not state.
/// </summary>
public sealed class RedisStateStore(string name, IDatabase db, TimeProvider time, TimeSpan? defaultTtl) : IStateStoreEngine
{
    public const string OwnKeyPrefix = "local-sidecar:";

    // Data and remaining lifetime in one round trip, so both describe the same moment.
    const string GetScript = """
        local h = redis.call('HGETALL', KEYS[1])
        if #h == 0 then return false end
        return {h, redis.call('PTTL', KEYS[1])}
        """;

    // daprd's set and delete scripts (components-contrib state/redis), one after another as its MULTI runs them, with
    // the EXPIRE/PERSIST daprd sends after a set. ARGV[1]: '1' in a transaction (a refused set still gets its TTL);
    // then per write: op ('set'|'del'), value, expected version ('0': unconditional), mark first-write ('1'|'0'),
    // ttl ('': keep the key's expiry, '0': PERSIST, else EXPIRE seconds). Answers the first refused write's index.
    const string ApplyScript = """
        local tx = ARGV[1] == '1'
        local failed = 0
        for i = 1, #KEYS do
          local k = KEYS[i]
          local b = 1 + (i - 1) * 5
          local expected = ARGV[b + 3]
          local v = redis.pcall('HGET', k, 'version')
          if type(v) == 'table' then
            redis.call('DEL', k)
            v = false
          end
          local ok = (not v) or v == '' or v == expected
          if ARGV[b + 1] == 'del' then
            ok = ok or expected == '0'
            if ok then redis.call('DEL', k) end
          else
            ok = ok or (expected == '0' and not redis.call('HGET', k, 'first-write'))
            if ok then
              redis.call('HSET', k, 'data', ARGV[b + 2])
              if ARGV[b + 4] == '1' then redis.call('HSET', k, 'first-write', 0) end
              redis.call('HINCRBY', k, 'version', 1)
            end
            local ttl = ARGV[b + 5]
            if (ok or tx) and ttl ~= '' then
              if ttl == '0' then redis.call('PERSIST', k) else redis.call('EXPIRE', k, ttl) end
            end
          end
          if not ok and failed == 0 then failed = i end
        end
        return failed
        """;

    public string Name { get; } = name;

    /// <summary>The Redis database this store writes to (the actor store's also holds the local sidecar's reminders).</summary>
    public IDatabase Database => db;

    public StateEntry? Get(string key)
    {
        var result = Call(() => db.ScriptEvaluate(GetScript, [key]), $"fail to get {key} from state store {Name}");
        if (result.IsNull) return null;
        var parts = (RedisResult[])result!;
        var fields = (RedisResult[])parts[0]!;
        byte[]? data = null;
        long? version = null;
        var firstWrite = false;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string?)fields[i])
            {
                case "data": data = (byte[]?)fields[i + 1] ?? []; break;
                case "first-write": firstWrite = true; break;
                case "version": version = long.TryParse((string?)fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null; break;
            }
        }
        // daprd's own refusal for a hash it did not write.
        if (data is null || version is null) throw new StateStoreException($"fail to get {key} from state store {Name}: required hash field 'data' or 'version' was not found");
        var pttl = (long)parts[1];
        // EXPIRE counts whole seconds; rounding up gives back the instant the write asked for.
        DateTimeOffset? expires = pttl >= 0 ? time.GetUtcNow() + TimeSpan.FromSeconds(Math.Ceiling(pttl / 1000.0)) : null;
        return new StateEntry(data, version.Value, expires, firstWrite);
    }

    public IReadOnlyList<string> Keys(string prefix = "")
    {
        var server = db.Multiplexer.GetServers().First();
        return Call(() => server.Keys(db.Database, EscapeGlob(prefix) + "*", pageSize: 1000).Select(k => (string)k!)
            .Where(k => !k.StartsWith(OwnKeyPrefix, StringComparison.Ordinal)).ToList(), $"failed listing keys of state store {Name}");
    }

    public void Write(StateWrite write) => Run([ScriptWrite.For(write, inTransaction: false)], inTransaction: false);

    public void Apply(IReadOnlyList<StateWrite> writes)
    {
        if (writes.Count == 0) return;
        Run(writes.Select(w => ScriptWrite.For(w, inTransaction: true)).ToList(), inTransaction: true);
    }

    void Run(List<ScriptWrite> writes, bool inTransaction)
    {
        var keys = new RedisKey[writes.Count];
        var args = new RedisValue[1 + (writes.Count * 5)];
        args[0] = inTransaction ? "1" : "0";
        for (var i = 0; i < writes.Count; i++)
        {
            var (w, expected, mark) = writes[i];
            keys[i] = w.Key;
            var b = 1 + (i * 5);
            args[b] = w.IsDelete ? "del" : "set";
            args[b + 1] = w.Value ?? [];
            args[b + 2] = expected;
            args[b + 3] = mark ? "1" : "0";
            args[b + 4] = (w.Ttl ?? defaultTtl) is not { } t ? RedisValue.EmptyString
                : t > TimeSpan.Zero ? (RedisValue)(long)Math.Ceiling(t.TotalSeconds) : (RedisValue)0;
        }
        var failed = (int)Call(() => db.ScriptEvaluate(ApplyScript, keys, args), $"failed saving state in state store {Name}");
        if (failed > 0) throw writes[failed - 1].Refusal();
    }

    static T Call<T>(Func<T> call, string what)
    {
        try { return call(); }
        catch (RedisException e) { throw new StateStoreException($"{what}: {e.Message}", e); }
        catch (TimeoutException e) { throw new StateStoreException($"{what}: {e.Message}", e); }
    }

    static string EscapeGlob(string s) =>
        string.Concat(s.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));
}
