using DaprShop.ServiceDefaults.Caching;
using DaprShop.ServiceDefaults.Data;
using DaprShop.Users.Data;
using Microsoft.Extensions.Options;

namespace DaprShop.Users.Caching;

internal sealed class ProfileCacheOptions
{
    public const string Section = "Users";

    /// <summary>How long a cached profile lives; also the longest a read can be stale after a lost invalidation.</summary>
    public int ProfileCacheTtlSeconds { get; set; } = 300;
}

/// <summary>
/// Cache-aside for profile reads through the kit's <see cref="TenantStateCache"/>: one entry per tenant and user
/// (<c>{tenantId}:profile:{userId}</c>, which the sidecar stores as <c>users||…</c>) with a TTL. Writers commit to
/// PostgreSQL first and then drop the entry; a read racing that write cannot put the old row back. Failures of the store are logged by the kit and never answered.
/// </summary>
internal sealed class ProfileCache(TenantStateCache cache, IOptions<ProfileCacheOptions> options)
{
    public const string Kind = "profile";

    /// <summary>The cached profile, else <paramref name="load"/>'s, filled in unless an invalidation came first.</summary>
    public Task<CachedProfile?> GetOrLoadAsync(Guid tenantId, Guid userId, Func<CancellationToken, Task<CachedProfile?>> load, CancellationToken ct) =>
        cache.GetOrLoadAsync(tenantId, Kind, userId, TimeSpan.FromSeconds(options.Value.ProfileCacheTtlSeconds), load,
            p => p.TenantId == tenantId && p.UserId == userId, ct);

    /// <summary>Drops the entry once <paramref name="db"/>'s transaction commits (and not at all if it rolls back).</summary>
    public void InvalidateAfterCommit(UsersDb db, Guid tenantId, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.RunAfterCommit(ct => cache.InvalidateAsync(tenantId, Kind, userId, ct));
    }
}
