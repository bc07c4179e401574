using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Redis;

namespace DaprShop.LocalSidecar.Tests.Support;

/// <summary>
/// A conformance class that runs on one state engine: in memory, or a Redis database leased per test (daprd's
/// layout; the test is skipped, with the reason, where no Redis answers). A subclass per engine runs the same tests.
/// </summary>
public abstract class EngineTests(bool onRedis) : IAsyncLifetime
{
    /// <summary>The leased database when on Redis (reading it skips the test without Redis), else null.</summary>
    protected RedisTestDatabase? Redis { get; private set; }

    protected bool OnRedis => onRedis;

    public async ValueTask InitializeAsync()
    {
        if (onRedis) Redis = await RedisTestDatabase.LeaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Redis is not null) await Redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task<LocalDaprCluster> StartClusterAsync(Action<ClusterOptions>? configure = null) =>
        ClusterFactory.StartAsync(o =>
        {
            Redis?.UseIn(o);
            configure?.Invoke(o);
        });
}
