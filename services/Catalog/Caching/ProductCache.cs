using DaprShop.Catalog.Domain;
using DaprShop.ServiceDefaults.Caching;
using Microsoft.Extensions.Options;

namespace DaprShop.Catalog.Caching;

/// <summary>
/// Hot product reads through the kit's Dapr state-store cache: key <c>{tenantId}:product:{id}</c> (the sidecar prefixes
/// <c>catalog||</c>), TTL <see cref="CatalogOptions.CacheTtlSeconds"/>, dropped by every write after it committed; a
/// read racing a write cannot put the old version back (the kit's fills lose to invalidations).
/// </summary>
internal sealed class ProductCache(TenantStateCache cache, IOptions<CatalogOptions> options)
{
    public const string Kind = "product";

    public static string Key(Guid tenantId, Guid productId) => TenantStateCache.Key(tenantId, Kind, productId);

    public Task<Product?> GetOrLoadAsync(Guid tenantId, Guid productId, Func<CancellationToken, Task<Product?>> load, CancellationToken cancellationToken) =>
        Enabled
            ? cache.GetOrLoadAsync(tenantId, Kind, productId, TimeSpan.FromSeconds(options.Value.CacheTtlSeconds), load,
                p => p.TenantId == tenantId && p.Id == productId, cancellationToken)
            : load(cancellationToken);

    public Task InvalidateAsync(Guid tenantId, Guid productId, CancellationToken cancellationToken) =>
        Enabled ? cache.InvalidateAsync(tenantId, Kind, productId, cancellationToken) : Task.CompletedTask;

    bool Enabled => options.Value.CacheTtlSeconds > 0;
}
