using DaprShop.LocalSidecar.Actors;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.Actors;

/// <summary>
/// The actor conformance tests with actor state (and reminders) in Redis, plus daprd's actor key layout and a
/// restart of the whole cluster: state read back, a reminder re-armed and fired on the new cluster's clock.
/// </summary>
public sealed class RedisActorConformanceTests() : ActorConformanceTests(onRedis: true)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Actor_state_is_a_daprd_hash_under_app_type_id_and_key()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe());

        await Proxy(app, "c1").IncrementAsync(3);

        var hash = (await Redis!.Raw.HashGetAllAsync("counter||CounterActor||c1||count")).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal(new Dictionary<string, string> { ["data"] = "3", ["version"] = "1" }, hash);
    }

    [Fact]
    public async Task Actor_state_and_a_pending_reminder_survive_a_restart_of_the_cluster()
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await using (var first = await StartClusterAsync(o => o.Time = new FakeTimeProvider(start)))
        await using (var app = await StartActorAppAsync(first, "counter", new ActorProbe()))
        {
            await Proxy(app, "cart").IncrementAsync(3);
            await Proxy(app, "cart").RegisterReminderAsync("idle", 3_600_000, -1, 0);
        }
        Assert.True(await Redis!.Raw.HashExistsAsync(RedisReminderStore.Key, "CounterActor||cart||idle"));

        var clock = new FakeTimeProvider(start.AddMinutes(10));
        await using var second = await StartClusterAsync(o => o.Time = clock);
        var probe = new ActorProbe();
        await using var again = await StartActorAppAsync(second, "counter", probe);

        Assert.Equal(3, await Proxy(again, "cart").GetAsync());
        Assert.Contains(second.Actors.Reminders.All, r => r.Target == "CounterActor/cart/idle");
        Assert.Equal(0, probe.Count("remind:cart:idle"));
        clock.Advance(TimeSpan.FromMinutes(50));
        await Eventually.TrueAsync(() => probe.Count("remind:cart:idle:state-of-idle") == 1, "the re-armed reminder fired when due");
        await Eventually.TrueAsync(async () => !await Redis.Raw.HashExistsAsync(RedisReminderStore.Key, "CounterActor||cart||idle"),
            "a one-shot reminder is forgotten by the store once fired");
    }

    [Fact]
    public async Task An_unregistered_reminder_is_not_re_armed_by_the_next_cluster()
    {
        await using (var first = await StartClusterAsync())
        await using (var app = await StartActorAppAsync(first, "counter", new ActorProbe()))
        {
            await Proxy(app, "g").RegisterReminderAsync("later", 3_600_000, -1, 0);
            await Proxy(app, "g").UnregisterReminderAsync("later");
        }

        await using var second = await StartClusterAsync();

        Assert.Empty(second.Actors.Reminders.All);
        Assert.False(await Redis!.Raw.KeyExistsAsync(RedisReminderStore.Key));
    }
}
