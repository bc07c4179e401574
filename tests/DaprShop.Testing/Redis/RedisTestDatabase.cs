using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;
using StackExchange.Redis;

namespace DaprShop.Testing.Redis;

/// <summary>
/// A Redis logical database leased for one test or fixture on the server <c>DAPRSHOP_TEST_REDIS</c> names, emptied
/// when leased and when given back. A local sidecar cluster pointed at it (<see cref="UseIn"/>, or
/// <c>TestDapr.StartAsync(redis: …)</c>) keeps its <c>state.redis</c> data there in daprd's own layout: the database is
/// daprd's own <c>redisDB</c> setting, so keys stay exactly <c>app||key</c> while concurrent clusters (in this and other
/// test processes) never see each other's. A key prefix would instead change the very layout under test. Database 0
/// is left to <c>make run</c>. Reading <see cref="Endpoint"/> skips the test, with the reason, when there is no Redis.
/// </summary>
public sealed class RedisTestDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "DAPRSHOP_TEST_REDIS";
    const string LeaseKey = RedisStateStore.OwnKeyPrefix + "test-lease";
    static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    // Takes a free database and empties what a crashed run left there, in one step no other process can interleave.
    const string AcquireScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('FLUSHDB')
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;
    const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('FLUSHDB') end return 0";

    static readonly Lazy<Task<(ConnectionMultiplexer? Server, RedisEndpoint? At, string? SkipReason)>> Server =
        new(ResolveAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    readonly string _token = Guid.NewGuid().ToString("N");
    string? _skipReason;
    RedisEndpoint? _endpoint;
    IDatabase? _db;
    Timer? _renew;

    /// <summary>The leased server and database; skips the calling test when there is no Redis.</summary>
    public RedisEndpoint Endpoint
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _endpoint ?? throw new InvalidOperationException("RedisTestDatabase used before InitializeAsync");
        }
    }

    /// <summary>The leased database itself, to read what the sidecar wrote (e.g. a raw hash).</summary>
    public IDatabase Raw
    {
        get
        {
            _ = Endpoint;
            return _db!;
        }
    }

    public bool IsAvailable => _endpoint is not null;

    /// <summary>Points a cluster's <c>state.redis</c> components (and reminders) at this database.</summary>
    public void UseIn(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.StateEngine = StateEngineKind.Redis;
        options.RedisReplacement = Endpoint;
    }

    public static async Task<RedisTestDatabase> LeaseAsync()
    {
        var db = new RedisTestDatabase();
        await db.InitializeAsync().ConfigureAwait(false);
        return db;
    }

    public async ValueTask InitializeAsync()
    {
        var (server, at, skip) = await Server.Value.ConfigureAwait(false);
        if (server is null)
        {
            _skipReason = skip;
            return;
        }
        var count = server.GetServers()[0].DatabaseCount;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            for (var n = 1; n < count; n++)
            {
                var db = server.GetDatabase(n);
                if ((int)await db.ScriptEvaluateAsync(AcquireScript, [LeaseKey], [_token, (long)LeaseTime.TotalMilliseconds]).ConfigureAwait(false) != 1) continue;
                _db = db;
                _endpoint = at! with { Database = n };
                // Renewed while held, so a crashed test process frees its database within the lease time.
                _renew = new Timer(_ => _ = db.ScriptEvaluateAsync(RenewScript, [LeaseKey], [_token, (long)LeaseTime.TotalMilliseconds]),
                    null, LeaseTime / 3, LeaseTime / 3);
                return;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"all {count - 1} Redis test databases on {at!.Host} stayed leased for 60 s (too many concurrent Redis-backed tests)");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_renew is not null) await _renew.DisposeAsync().ConfigureAwait(false);
        if (_db is not null) await _db.ScriptEvaluateAsync(ReleaseScript, [LeaseKey], [_token]).ConfigureAwait(false);
    }

    static async Task<(ConnectionMultiplexer?, RedisEndpoint?, string?)> ResolveAsync()
    {
        var host = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(host))
            return (null, null, $"no Redis: set {EnvironmentVariable} (e.g. 127.0.0.1:6379; bash scripts/local-infra.sh up)");
        try
        {
            var options = ConfigurationOptions.Parse(host);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 3000;
            var server = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            // The sidecar is given the server as a component's redisHost would name it: host:port, password apart.
            var address = host.Split(',')[0].Trim();
            return (server, new RedisEndpoint(address, 0, options.Password), null);
        }
        catch (RedisException e)
        {
            return (null, null, $"Redis at {host} ({EnvironmentVariable}) is unreachable: {e.Message.Split('\n', 2)[0]}");
        }
    }
}
