using Dapr;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.State;

public sealed record Item(string Id, int Qty);

public abstract class StateConformanceTests(bool onRedis) : EngineTests(onRedis)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite };

    static Dictionary<string, string> Ttl(string seconds) => new() { ["ttlInSeconds"] = seconds };

    [Fact]
    public async Task Saved_state_reads_back_and_a_missing_key_reads_as_default()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("statestore", "order-1", new Item("o1", 3), cancellationToken: Ct);

        Assert.Equal(new Item("o1", 3), await app.Dapr.GetStateAsync<Item>("statestore", "order-1", cancellationToken: Ct));
        Assert.Null(await app.Dapr.GetStateAsync<Item>("statestore", "nope", cancellationToken: Ct));
    }

    [Fact]
    public async Task Keys_are_prefixed_with_the_app_id_so_two_apps_never_share_a_key()
    {
        await using var cluster = await StartClusterAsync();
        await using var a = await SampleApp.StartAsync(cluster, "a");
        await using var b = await SampleApp.StartAsync(cluster, "b");

        await a.Dapr.SaveStateAsync("statestore", "k", "from-a", cancellationToken: Ct);
        await b.Dapr.SaveStateAsync("statestore", "k", "from-b", cancellationToken: Ct);

        Assert.Equal("from-a", await a.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
        Assert.Equal("from-b", await b.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
        Assert.Contains("a||k", cluster.StateStores["statestore"].Keys());
    }

    [Fact]
    public async Task KeyPrefix_name_shares_keys_across_apps()
    {
        await using var cluster = await StartClusterAsync();
        await using var a = await SampleApp.StartAsync(cluster, "a");
        await using var b = await SampleApp.StartAsync(cluster, "b");

        await a.Dapr.SaveStateAsync("sharedstore", "k", "shared", cancellationToken: Ct);

        Assert.Equal("shared", await b.Dapr.GetStateAsync<string>("sharedstore", "k", cancellationToken: Ct));
        Assert.Equal(["sharedstore||k"], cluster.StateStores["sharedstore"].Keys());
    }

    [Fact]
    public async Task Delete_removes_the_key()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v", cancellationToken: Ct);

        await app.Dapr.DeleteStateAsync("statestore", "k", cancellationToken: Ct);

        Assert.Null(await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_stale_etag_makes_TrySaveStateAsync_return_false_and_keeps_the_value()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);
        var (_, etag) = await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct);

        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "k", "v2", etag, cancellationToken: Ct));
        Assert.False(await app.Dapr.TrySaveStateAsync("statestore", "k", "v3", etag, cancellationToken: Ct));
        Assert.Equal("v2", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_stale_etag_makes_TryDeleteStateAsync_return_false()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);
        var (_, etag) = await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct);

        Assert.False(await app.Dapr.TryDeleteStateAsync("statestore", "k", etag, cancellationToken: Ct));
        Assert.Equal("v2", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task An_unparsable_etag_is_an_invalid_argument()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.TrySaveStateAsync("statestore", "k", "v2", "not-a-version", cancellationToken: Ct));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(e.InnerException).StatusCode);
    }

    [Fact]
    public async Task First_write_without_etag_on_a_key_saved_under_first_write_is_refused_as_daprd_does_with_internal()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", FirstWrite, cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "v2", FirstWrite, cancellationToken: Ct));

        // daprd's script error is no ETag error when the request had no ETag: Internal, not Aborted.
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Equal("v1", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task First_write_without_etag_overwrites_a_key_that_was_saved_without_first_write()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);

        await app.Dapr.SaveStateAsync("statestore", "k", "v2", FirstWrite, cancellationToken: Ct);

        Assert.Equal(("v2", "2"), await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_key_saved_under_first_write_refuses_even_a_plain_save_until_one_brings_its_etag()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", FirstWrite, cancellationToken: Ct);

        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct));
        Assert.False(await app.Dapr.TrySaveStateAsync("statestore", "k", "v2", "1", new StateOptions { Concurrency = ConcurrencyMode.LastWrite }, cancellationToken: Ct));
        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "k", "v3", "1", cancellationToken: Ct));

        Assert.Equal(("v3", "2"), await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task An_etag_on_a_missing_key_creates_it_so_an_etag_alone_never_guards_creation()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        Assert.True(await app.Dapr.TrySaveStateAsync("statestore", "k", "v1", "5", cancellationToken: Ct));
        Assert.True(await app.Dapr.TryDeleteStateAsync("statestore", "nope", "5", cancellationToken: Ct));

        Assert.Equal(("v1", "1"), await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_delete_checks_its_etag_even_under_last_write()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct);

        Assert.False(await app.Dapr.TryDeleteStateAsync("statestore", "k", "1", new StateOptions { Concurrency = ConcurrencyMode.LastWrite }, cancellationToken: Ct));

        Assert.Equal("v2", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_save_of_several_keys_keeps_the_ones_that_pass_when_another_is_refused()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "stale", "v1", cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "stale", "v2", cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveBulkStateAsync("statestore",
        [
            new SaveStateItem<string>("fresh", "f", ""),
            new SaveStateItem<string>("stale", "v3", "1"),
        ], cancellationToken: Ct));

        // daprd's BulkSet saves each item on its own.
        Assert.Equal(StatusCode.Aborted, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Equal("f", await app.Dapr.GetStateAsync<string>("statestore", "fresh", cancellationToken: Ct));
        Assert.Equal("v2", await app.Dapr.GetStateAsync<string>("statestore", "stale", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_save_without_ttlInSeconds_keeps_the_keys_expiry_and_minus_one_removes_it()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", metadata: Ttl("60"), cancellationToken: Ct);

        await app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct);
        Assert.NotNull(cluster.StateStores["statestore"].Get("orders||k")!.ExpiresAt);

        await app.Dapr.SaveStateAsync("statestore", "k", "v3", metadata: Ttl("-1"), cancellationToken: Ct);
        Assert.Null(cluster.StateStores["statestore"].Get("orders||k")!.ExpiresAt);
    }

    [Fact]
    public async Task Last_write_ignores_a_stale_etag()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct);
        var (_, etag) = await app.Dapr.GetStateAndETagAsync<string>("statestore", "k", cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct);

        var saved = await app.Dapr.TrySaveStateAsync("statestore", "k", "v3", etag,
            new StateOptions { Concurrency = ConcurrencyMode.LastWrite }, cancellationToken: Ct);

        Assert.True(saved);
        Assert.Equal("v3", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
    }

    [Fact]
    public async Task Bulk_get_returns_every_key_with_its_etag_and_empty_data_for_missing_ones()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "a", new Item("a", 1), cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "b", new Item("b", 2), cancellationToken: Ct);

        var items = await app.Dapr.GetBulkStateAsync<Item>("statestore", ["a", "b", "c"], parallelism: 2, cancellationToken: Ct);

        Assert.Equal(new Item("a", 1), items.Single(i => i.Key == "a").Value);
        Assert.Equal("1", items.Single(i => i.Key == "b").ETag);
        Assert.Null(items.Single(i => i.Key == "c").Value);
    }

    [Fact]
    public async Task A_transaction_with_one_stale_etag_fails_with_internal_but_applies_its_other_operations_as_redis_multi_does()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "stock", 5, cancellationToken: Ct);
        await app.Dapr.SaveStateAsync("statestore", "stock", 4, cancellationToken: Ct); // etag now "2"

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("reservation", "\"r1\""u8.ToArray(), StateOperationType.Upsert),
            new StateTransactionRequest("stock", "3"u8.ToArray(), StateOperationType.Upsert, etag: "1"),
            new StateTransactionRequest("audit", "\"a1\""u8.ToArray(), StateOperationType.Upsert),
        ], cancellationToken: Ct));

        // daprd answers any transaction failure with Internal; Redis's MULTI/EXEC has no rollback.
        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Equal("r1", await app.Dapr.GetStateAsync<string>("statestore", "reservation", cancellationToken: Ct));
        Assert.Equal("a1", await app.Dapr.GetStateAsync<string>("statestore", "audit", cancellationToken: Ct));
        Assert.Equal(4, await app.Dapr.GetStateAsync<int>("statestore", "stock", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_transaction_with_an_unparsable_etag_applies_nothing()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("reservation", "\"r1\""u8.ToArray(), StateOperationType.Upsert),
            new StateTransactionRequest("stock", "3"u8.ToArray(), StateOperationType.Upsert, etag: "not-a-version"),
        ], cancellationToken: Ct));

        Assert.Empty(cluster.StateStores["statestore"].Keys("orders||"));
    }

    [Fact]
    public async Task A_transaction_applies_upserts_and_deletes_together()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "old", "x", cancellationToken: Ct);

        await app.Dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("new", "\"y\""u8.ToArray(), StateOperationType.Upsert),
            new StateTransactionRequest("old", null, StateOperationType.Delete),
        ], cancellationToken: Ct);

        Assert.Equal("y", await app.Dapr.GetStateAsync<string>("statestore", "new", cancellationToken: Ct));
        Assert.Null(await app.Dapr.GetStateAsync<string>("statestore", "old", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_store_scoped_to_another_app_is_refused_as_not_found()
    {
        await using var cluster = await StartClusterAsync();
        await using var owner = await SampleApp.StartAsync(cluster, "owner");
        await using var intruder = await SampleApp.StartAsync(cluster, "intruder");
        await owner.Dapr.SaveStateAsync("privatestore", "k", "secret", cancellationToken: Ct);

        var e = await Assert.ThrowsAsync<DaprException>(() => intruder.Dapr.GetStateAsync<string>("privatestore", "k", cancellationToken: Ct));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Contains(cluster.Calls.Where(appId: "intruder", api: "state"), c => !c.Succeeded);
    }

    [Fact]
    public async Task An_unknown_store_is_an_invalid_argument()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveStateAsync("nostore", "k", "v", cancellationToken: Ct));

        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(e.InnerException).StatusCode);
    }

    [Fact]
    public async Task Injected_write_failures_fail_the_next_writes_then_clear()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        cluster.Faults.FailNextStateWrites(2, "orders");

        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "v1", cancellationToken: Ct));
        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.SaveStateAsync("statestore", "k", "v2", cancellationToken: Ct));
        await app.Dapr.SaveStateAsync("statestore", "k", "v3", cancellationToken: Ct);

        Assert.Equal("v3", await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct));
        Assert.Equal(2, cluster.Calls.Where(appId: "orders", api: "state", operation: "save").Count(c => c.Outcome.Contains("injected", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_state_call_is_recorded_with_app_api_key_and_outcome()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await SampleApp.StartAsync(cluster, "orders");

        await app.Dapr.SaveStateAsync("statestore", "k", "v", cancellationToken: Ct);
        await app.Dapr.GetStateAsync<string>("statestore", "k", cancellationToken: Ct);

        var calls = cluster.Calls.Where(appId: "orders", api: "state");
        Assert.Equal(["save", "get"], calls.Select(c => c.Operation));
        Assert.All(calls, c => Assert.Equal("statestore/k", c.Target));
        Assert.All(calls, c => Assert.True(c.Succeeded));
    }
}

/// <summary>The state conformance tests on the in-memory engine, whose TTLs run on the cluster clock.</summary>
public sealed class InMemoryStateConformanceTests() : StateConformanceTests(onRedis: false)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_saved_with_ttlInSeconds_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await StartClusterAsync(o => o.Time = clock);
        await using var app = await SampleApp.StartAsync(cluster, "orders");
        await app.Dapr.SaveStateAsync("statestore", "session", "s1",
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "60" }, cancellationToken: Ct);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("s1", await app.Dapr.GetStateAsync<string>("statestore", "session", cancellationToken: Ct));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await app.Dapr.GetStateAsync<string>("statestore", "session", cancellationToken: Ct));
    }
}
