using System.Globalization;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Caching;

/// <summary>
/// Cache-aside through the Dapr state store (<c>statestore</c>). Every key names the tenant
/// (<c>{tenantId}:{kind}:{id}</c>; the sidecar prefixes the app-id), and every entry has a TTL. The cache only ever
/// speeds reads up: when the sidecar or the store fails, the caller reads its database and the failure is logged,
/// never answered.
/// <para>
/// A read that misses, loads an old row and fills the cache just after a writer's invalidation would put the old row
/// back until the TTL. So an invalidation does not delete: it writes an empty entry (a tombstone), which moves the
/// key's ETag on, and a fill is conditional on the ETag the miss saw, so it loses to any invalidation that came in
/// between. A miss on an absent key first writes a tombstone of its own to get an ETag: Dapr's Redis store lets a
/// first-write save without an ETag overwrite a key that was not itself written first-write, so "only if absent"
/// cannot guard the fill.
/// </para>
/// </summary>
public sealed partial class TenantStateCache(DaprClient dapr, ILogger<TenantStateCache> logger)
{
    /// <summary>How long a tombstone outlives its invalidation: far longer than any read that could race it.</summary>
    static readonly TimeSpan TombstoneTtl = TimeSpan.FromMinutes(10);

    public static string Key(Guid tenantId, string kind, object id) =>
        tenantId == Guid.Empty
            ? throw new ArgumentException("a cache key needs a tenant", nameof(tenantId))
            : string.Create(CultureInfo.InvariantCulture, $"{tenantId}:{kind}:{id}");

    /// <summary>
    /// The cached value when there is one <paramref name="isFor"/> accepts (the key already names the tenant; checking
    /// the value too fails closed on a bad entry), else what <paramref name="load"/> reads, filled in for next time
    /// unless an invalidation came first.
    /// </summary>
    public async Task<T?> GetOrLoadAsync<T>(
        Guid tenantId, string kind, object id, TimeSpan ttl, Func<CancellationToken, Task<T?>> load, Func<T, bool> isFor, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(isFor);
        var key = Key(tenantId, kind, id);
        var seen = await ReadAsync<T>(key, ct);
        if (seen is { Etag.Length: 0 } && await TryWriteTombstoneAsync(key, ct))
        {
            // Whatever a writer invalidates from here on moves this ETag on; a load after this read is safe to fill.
            seen = await ReadAsync<T>(key, ct);
        }
        if (seen?.Entry?.Value is { } hit && isFor(hit)) return hit;

        var fresh = await load(ct);
        if (fresh is not null && seen is { Etag.Length: > 0 } known) await FillAsync(key, fresh, known.Etag, ttl, ct);
        return fresh;
    }

    /// <summary>Drops an entry; call after the write it reflects has committed (commit first, then invalidate).</summary>
    public async Task InvalidateAsync(Guid tenantId, string kind, object id, CancellationToken ct) =>
        await TryWriteTombstoneAsync(Key(tenantId, kind, id), ct);

    async Task<bool> TryWriteTombstoneAsync(string key, CancellationToken ct)
    {
        try
        {
            await dapr.SaveStateAsync(Components.StateStore, key, new CacheEntry<object>(null), metadata: TtlMetadata(TombstoneTtl), cancellationToken: ct);
            return true;
        }
        catch (DaprException e)
        {
            LogFailed(logger, "invalidation", key, e);
            return false;
        }
    }

    /// <summary>The entry and its ETag (empty when the key is absent); null when the store could not be read.</summary>
    async Task<(CacheEntry<T>? Entry, string Etag)?> ReadAsync<T>(string key, CancellationToken ct) where T : class
    {
        try
        {
            var (entry, etag) = await dapr.GetStateAndETagAsync<CacheEntry<T>?>(Components.StateStore, key, cancellationToken: ct);
            return (entry, etag ?? "");
        }
        catch (DaprException e)
        {
            LogFailed(logger, "read", key, e);
            return null;
        }
        catch (JsonException e)
        {
            // An entry of another shape (an older release's) is a miss; its ETag is unknown, so this read fills nothing.
            LogFailed(logger, "read", key, e);
            return null;
        }
    }

    async Task FillAsync<T>(string key, T value, string etagSeen, TimeSpan ttl, CancellationToken ct)
    {
        try
        {
            var filled = await dapr.TrySaveStateAsync(Components.StateStore, key, new CacheEntry<T>(value), etagSeen, metadata: TtlMetadata(ttl), cancellationToken: ct);
            if (!filled) LogFillLost(logger, key);
        }
        catch (DaprException e)
        {
            LogFailed(logger, "write", key, e);
        }
    }

    static Dictionary<string, string> TtlMetadata(TimeSpan ttl) =>
        new() { ["ttlInSeconds"] = Math.Max(1, (long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture) };

    /// <summary>What is stored under a key: a value, or none (a tombstone left by an invalidation).</summary>
    sealed record CacheEntry<T>(T? Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache {Operation} of {Key} failed; the database answers instead")]
    static partial void LogFailed(ILogger logger, string operation, string key, Exception e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache fill of {Key} skipped: an invalidation or another fill came first")]
    static partial void LogFillLost(ILogger logger, string key);
}
