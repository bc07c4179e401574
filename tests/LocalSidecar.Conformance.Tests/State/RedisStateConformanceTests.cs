using System.Net.Http.Json;
using Dapr.Client;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;
using DaprShop.LocalSidecar.Tests.Support;
using DaprShop.Testing.Redis;
using StackExchange.Redis;

namespace DaprShop.LocalSidecar.Tests.State;

/// <summary>
/// The state conformance tests on the Redis engine, plus what only Redis shows: daprd's layout (read raw), TTLs as
/// Redis EXPIREs, data outliving the cluster, and isolation between concurrent clusters. Skipped without Redis.
/// </summary>
public sealed class RedisStateConformanceTests() : StateConformanceTests(onRedis: true)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    IDatabase Raw => Redis!.Raw;

    static async Task<Dictionary<string, string>> HashAsync(IDatabase db, string key) =>
        (await db.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    [Fact]
    public async Task A_saved_value_is_a_daprd_hash_of_data_and_version_under_the_app_id_key()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("statestore", "order-1", new Item("o1", 3), cancellationToken: Ct);
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync("orders||order-1"));
        Assert.Equal(new Dictionary<string, string> { ["data"] = """{"id":"o1","qty":3}""", ["version"] = "1" }, await HashAsync(Raw, "orders||order-1"));

        await app.Dapr.SaveStateAsync("statestore", "order-1", new Item("o1", 4), cancellationToken: Ct);
        Assert.Equal(new Dictionary<string, string> { ["data"] = """{"id":"o1","qty":4}""", ["version"] = "2" }, await HashAsync(Raw, "orders||order-1"));
        Assert.Null(await Raw.KeyTimeToLiveAsync("orders||order-1"));
    }

    [Fact]
    public async Task A_value_saved_over_http_is_kept_as_its_json_so_a_string_keeps_its_quotes()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        using var http = new HttpClient { BaseAddress = new Uri(app.Sidecar.HttpEndpoint) };

        using var saved = await http.PostAsJsonAsync("/v1.0/state/statestore", new object[] { new { key = "note", value = "hello" }, new { key = "doc", value = new { a = 1 } } }, Ct);

        Assert.True(saved.IsSuccessStatusCode);
        Assert.Equal("\"hello\"", (await HashAsync(Raw, "orders||note"))["data"]);
        Assert.Equal("""{"a":1}""", (await HashAsync(Raw, "orders||doc"))["data"]);
    }

    [Fact]
    public async Task A_hash_written_as_daprd_writes_it_reads_back_with_its_version_as_etag_and_continues_from_it()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await Raw.HashSetAsync("orders||legacy", [new HashEntry("data", """{"id":"x","qty":1}"""), new HashEntry("version", 7)]);

        var (item, etag) = await app.Dapr.GetStateAndETagAsync<Item>("statestore", "legacy", cancellationToken: Ct);
        Assert.Equal((new Item("x", 1), "7"), (item, etag));

        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "legacy", new Item("x", 2), "7", cancellationToken: Ct));
        Assert.Equal("8", (await HashAsync(Raw, "orders||legacy"))["version"]);
    }

    [Fact]
    public async Task A_first_write_save_marks_the_hash_as_daprd_does()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("statestore", "k", "v1", new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }, cancellationToken: Ct);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "\"v1\"", ["version"] = "1", ["first-write"] = "0" }, await HashAsync(Raw, "orders||k"));
    }

    [Fact]
    public async Task KeyPrefix_name_keys_the_hash_by_the_store_name()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("sharedstore", "k", 42, cancellationToken: Ct);

        // keyPrefix name: the store's name replaces the app id, as in daprd.
        Assert.Equal(new Dictionary<string, string> { ["data"] = "42", ["version"] = "1" }, await HashAsync(Raw, "sharedstore||k"));
    }

    [Fact]
    public async Task ttlInSeconds_is_a_redis_expire_and_the_key_is_gone_when_it_runs_out()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("statestore", "long", "l", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "60" }, cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "short", "s", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" }, cancellationToken: Ct);

        var ttl = await Raw.KeyTimeToLiveAsync("orders||long");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(60));
        var now = cluster.Time.GetUtcNow();
        Assert.InRange(cluster.StateStores["statestore"].Get("orders||long")!.ExpiresAt!.Value, now.AddSeconds(58), now.AddSeconds(61));
        // Redis expires it on its own clock, as it does for daprd.
        await Eventually.TrueAsync(async () => await app.Dapr.GetStateAsync<string>("statestore", "short", cancellationToken: Ct) is null,
            "the one-second key expired", TimeSpan.FromSeconds(5));
        Assert.False(await Raw.KeyExistsAsync("orders||short"));
    }

    [Fact]
    public async Task A_write_without_ttl_keeps_the_redis_expire_as_daprd_sends_neither_expire_nor_persist()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "60" }, cancellationToken: Ct);

        await app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct);

        Assert.InRange((await Raw.KeyTimeToLiveAsync("orders||k"))!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_hash_daprd_wrote_under_first_write_refuses_saves_without_its_etag_and_takes_one_with_it()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await Raw.HashSetAsync("orders||k", [new HashEntry("data", "\"d1\""), new HashEntry("first-write", 0), new HashEntry("version", 3)]);

        var firstWrite = await Assert.ThrowsAsync<Dapr.DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "d2",
            new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }, cancellationToken: Ct));
        await Assert.ThrowsAsync<Dapr.DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "d2", cancellationToken: Ct));
        Assert.False(await app.Dapr.TrySaveStateAsync("statestore", "k", "d2", "2", cancellationToken: Ct));
        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "k", "d3", "3", cancellationToken: Ct));

        Assert.Equal(global::Grpc.Core.StatusCode.Internal, Assert.IsType<global::Grpc.Core.RpcException>(firstWrite.InnerException).StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["data"] = "\"d3\"", ["first-write"] = "0", ["version"] = "4" }, await HashAsync(Raw, "orders||k"));
    }

    [Fact]
    public async Task A_hash_daprd_wrote_without_first_write_is_overwritten_by_a_first_write_save_which_marks_it()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await Raw.HashSetAsync("orders||k", [new HashEntry("data", "\"d1\""), new HashEntry("version", 3)]);

        await app.Dapr.SaveStateAsync("statestore", "k", "d2", new StateOptions { Concurrency = ConcurrencyMode.FirstWrite }, cancellationToken: Ct);

        Assert.Equal(("d2", "4"), await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "\"d2\"", ["first-write"] = "0", ["version"] = "4" }, await HashAsync(Raw, "orders||k"));
    }

    [Fact]
    public async Task An_etag_on_a_missing_key_creates_a_daprd_hash_at_version_one()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "k", "v", "41", cancellationToken: Ct));

        Assert.Equal(new Dictionary<string, string> { ["data"] = "\"v\"", ["version"] = "1" }, await HashAsync(Raw, "orders||k"));
    }

    [Fact]
    public async Task A_transactions_upsert_under_first_write_leaves_no_first_write_field()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.ExecuteStateTransactionAsync("statestore",
            [new StateTransactionRequest("k", "1"u8.ToArray(), StateOperationType.Upsert, options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite })],
            cancellationToken: Ct);

        Assert.Equal(new Dictionary<string, string> { ["data"] = "1", ["version"] = "1" }, await HashAsync(Raw, "orders||k"));
    }

    [Fact]
    public async Task A_components_ttlInSeconds_applies_to_writes_naming_none_and_minus_one_overrides_it()
    {
        using var resources = TempResources.With("cache.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: cache
            spec:
              type: state.redis
              version: v1
              metadata:
                - name: ttlInSeconds
                  value: "30"
            """);
        await using var cluster = await StartClusterAsync(o => { o.ResourcesPaths.Clear(); o.ResourcesPaths.Add(resources.Path); });
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("cache", "default", "d", cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("cache", "forever", "f", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "-1" }, cancellationToken: Ct);

        Assert.InRange((await Raw.KeyTimeToLiveAsync("orders||default"))!.Value, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30));
        Assert.Null(await Raw.KeyTimeToLiveAsync("orders||forever"));
    }

    [Fact]
    public async Task A_refused_transaction_keeps_its_other_writes_in_redis_and_a_refused_set_still_sets_its_expire()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "stock", 5, cancellationToken: Ct);

        await Assert.ThrowsAsync<Dapr.DaprException>(() => app.Dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("reservation", "\"r1\""u8.ToArray(), StateOperationType.Upsert),
            new StateTransactionRequest("stock", "4"u8.ToArray(), StateOperationType.Upsert, etag: "9",
                metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "60" }),
        ], cancellationToken: Ct));

        Assert.Equal(new Dictionary<string, string> { ["data"] = "\"r1\"", ["version"] = "1" }, await HashAsync(Raw, "orders||reservation"));
        Assert.Equal(new Dictionary<string, string> { ["data"] = "5", ["version"] = "1" }, await HashAsync(Raw, "orders||stock"));
        // daprd queues the EXPIRE after the set script in the same MULTI, so it runs even though the script refused.
        Assert.NotNull(await Raw.KeyTimeToLiveAsync("orders||stock"));
    }

    [Fact]
    public async Task A_delete_with_the_current_etag_removes_the_hash()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v", cancellationToken: Ct);
        var (_, etag) = await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct);

        Assert.True(await app.Dapr.TryDeleteStateAsync("statestore", "k", etag, cancellationToken: Ct));

        Assert.False(await Raw.KeyExistsAsync("orders||k"));
    }

    [Fact]
    public async Task State_outlives_the_cluster_and_a_new_cluster_on_the_same_redis_reads_it_back()
    {
        await using (var first = await StartClusterAsync())
        await using (var app = await SampleApp.StartAsync(first, "orders"))
        {
            await app.Dapr.SaveStateAsync("statestore", "order-1", new Item("o1", 3), cancellationToken: Ct);
            await app.Dapr.SaveStateAsync("statestore", "order-1", new Item("o1", 4), cancellationToken: Ct);
        }

        await using var second = await StartClusterAsync();
        await using var again = await SampleApp.StartAsync(second, "orders");

        var (item, etag) = await again.Dapr.GetStateAndETagAsync<Item>("statestore", "order-1", cancellationToken: Ct);
        Assert.Equal((new Item("o1", 4), "2"), (item, etag));
        Assert.Equal(["orders||order-1"], second.StateStores["statestore"].Keys());
    }

    [Fact]
    public async Task Two_concurrent_test_clusters_on_redis_never_see_each_others_keys()
    {
        await using var otherLease = await RedisTestDatabase.LeaseAsync();
        await using var mine = await StartClusterAsync();
        await using var theirs = await ClusterFactory.StartAsync(otherLease.UseIn);
        await using var a = await SampleApp.StartAsync(mine, "orders");
        await using var b = await SampleApp.StartAsync(theirs, "orders");

        await a.Dapr.SaveStateAsync("statestore", "k", "mine", cancellationToken: Ct);
        await b.Dapr.SaveStateAsync("statestore", "k", "theirs", cancellationToken: Ct);

        Assert.NotEqual(Redis!.Endpoint.Database, otherLease.Endpoint.Database);
        Assert.Equal("mine", await a.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
        Assert.Equal("theirs", await b.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
        // Same daprd key in both: the logical database, not the key, keeps them apart.
        Assert.Equal("\"theirs\"", (await HashAsync(otherLease.Raw, "orders||k"))["data"]);
    }
}

/// <summary>What the local sidecar refuses when a state.redis component's Redis cannot be used (no Redis needed).</summary>
public sealed class RedisComponentInitTests
{
    [Fact]
    public async Task An_unreachable_redis_stops_the_cluster_from_starting_with_the_component_and_address()
    {
        var e = await Assert.ThrowsAsync<ComponentInitException>(() => ClusterFactory.StartAsync(o =>
        {
            o.StateEngine = StateEngineKind.Redis;
            o.RedisReplacement = new RedisEndpoint("127.0.0.1:1", 0);
        }));

        Assert.Contains("statestore (state.redis/v1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("error connecting to redis at 127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableTLS_is_refused_clearly_rather_than_ignored()
    {
        using var resources = TempResources.With("tls.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: tlsstore
            spec:
              type: state.redis
              version: v1
              metadata:
                - name: redisHost
                  value: localhost:6379
                - name: enableTLS
                  value: "true"
            """);

        var e = await Assert.ThrowsAsync<ComponentInitException>(() => LocalDaprCluster.StartAsync(new ClusterOptions
        {
            StateEngine = StateEngineKind.Redis,
            ResourcesPaths = { resources.Path },
        }));

        Assert.Contains("tlsstore", e.Message, StringComparison.Ordinal);
        Assert.Contains("enableTLS is not supported", e.Message, StringComparison.Ordinal);
    }
}
