using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.Actors;

public abstract class ActorConformanceTests(bool onRedis) : EngineTests(onRedis)
{
    const string Type = CounterActor.TypeName;

    protected static async Task<SampleApp> StartActorAppAsync(LocalDaprCluster cluster, string appId, ActorProbe probe,
        Action<ActorRuntimeOptions>? configure = null) =>
        await SampleApp.StartAsync(cluster, appId,
            services: b =>
            {
                b.Services.AddSingleton(probe);
                b.Services.AddActors(o =>
                {
                    o.Actors.RegisterActor<CounterActor>();
                    configure?.Invoke(o);
                });
            },
            endpoints: web =>
            {
                // What the sidecar delivered to the app, so a test can see a queued call being released.
                web.Use((ctx, next) => { probe.Events.Enqueue($"http:{ctx.Request.Path}"); return next(ctx); });
                web.MapActorsHandlers();
            });

    protected static ICounterActor Proxy(SampleApp via, string id, TimeSpan? timeout = null) =>
        ActorProxy.Create<ICounterActor>(new ActorId(id), Type,
            new ActorProxyOptions { HttpEndpoint = via.Sidecar.HttpEndpoint, RequestTimeout = timeout ?? TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task A_remoting_proxy_call_returns_the_result_and_state_persists_across_calls()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);
        var counter = Proxy(app, "c1");

        Assert.Equal(2, await counter.IncrementAsync(2));
        Assert.Equal(5, await counter.IncrementAsync(3));
        Assert.Equal(5, await counter.GetAsync());
        Assert.Contains("counter||CounterActor||c1||count", cluster.StateStores["statestore"].Keys());
        Assert.Contains(cluster.Calls.Where("counter", "actors", "invoke"), c => c.Target == "CounterActor/c1/IncrementAsync" && c.Succeeded);
    }

    [Fact]
    public async Task A_non_remoting_proxy_call_returns_the_json_result()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe());
        var proxy = ActorProxy.Create(new ActorId("json"), Type, new ActorProxyOptions { HttpEndpoint = app.Sidecar.HttpEndpoint });

        Assert.Equal(7, await proxy.InvokeMethodAsync<int, int>(nameof(ICounterActor.IncrementAsync), 7));
        Assert.Equal(7, await proxy.InvokeMethodAsync<int>(nameof(ICounterActor.GetAsync)));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_to_one_actor_never_interleave()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Proxy(app, "hot").IncrementAsync(1)));

        Assert.Equal(1, probe.MaxOverlapPerActor);
        Assert.Equal(50, await Proxy(app, "hot").GetAsync());
    }

    [Fact]
    public async Task Calls_to_different_actor_ids_run_in_parallel()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);

        // Each call returns only once both are inside their actor at the same time.
        await Task.WhenAll(Proxy(app, "left").RendezvousAsync(2), Proxy(app, "right").RendezvousAsync(2));
    }

    [Fact]
    public async Task A_reentrant_call_chain_completes_when_reentrancy_is_enabled()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe,
            o => o.ReentrancyConfig = new ActorReentrancyConfig { Enabled = true });

        // a → b → a: the inner call to a carries the chain's Dapr-Reentrancy-Id and re-enters a's turn.
        Assert.Equal("a:end", await Proxy(app, "a", TimeSpan.FromSeconds(5)).BounceAsync("b", 2));
    }

    [Fact]
    public async Task Reentrancy_beyond_maxStackDepth_is_refused()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe(),
            o => o.ReentrancyConfig = new ActorReentrancyConfig { Enabled = true, MaxStackDepth = 2 });

        // a(1) → b(1) → a(2) → b(2) → a(3): the fifth hop exceeds a depth of 2 on a.
        Assert.Equal("a:end", await Proxy(app, "a").BounceAsync("b", 2));
        await Assert.ThrowsAsync<ActorMethodInvocationException>(() => Proxy(app, "a").BounceAsync("b", 4));
        Assert.Contains(cluster.Calls.Where("counter", "actors", "invoke"), c => c.Outcome.StartsWith("ERR_ACTOR_STACK_DEPTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_actor_exception_surfaces_to_the_caller_as_ActorMethodInvocationException()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe());

        var e = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => Proxy(app, "x").FailAsync());

        Assert.Contains("InvalidOperationException", e.ToString());
        Assert.Contains(cluster.Calls.Where("counter", "actors", "invoke"), c => c.Outcome == "ok: actor raised an exception");
    }

    [Fact]
    public async Task Calling_an_actor_type_no_app_hosts_is_daprds_no_address_error()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe());
        var ghost = ActorProxy.Create<ICounterActor>(new ActorId("g"), "GhostActor", new ActorProxyOptions { HttpEndpoint = app.Sidecar.HttpEndpoint });

        var e = await Assert.ThrowsAsync<DaprApiException>(() => ghost.GetAsync());

        Assert.Equal("ERR_ACTOR_NO_ADDRESS", e.ErrorCode);
        Assert.Contains("did not find address for actor 'GhostActor||g'", e.Message);
    }

    [Fact]
    public async Task A_second_app_invokes_an_actor_hosted_by_the_first()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var host = await StartActorAppAsync(cluster, "counter", probe);
        await using var caller = await SampleApp.StartAsync(cluster, "web");

        Assert.Equal("remote:hi", await Proxy(caller, "remote").EchoAsync("hi"));

        Assert.Equal(["CounterActor"], cluster.Actors.TypesHostedBy("counter"));
        Assert.Empty(cluster.Actors.TypesHostedBy("web"));
        Assert.Contains(cluster.Calls.Where("web", "actors", "invoke"), c => c.Target == "CounterActor/remote/EchoAsync" && c.Succeeded);
    }

    [Fact]
    public async Task Actor_state_survives_an_app_restart()
    {
        await using var cluster = await StartClusterAsync();
        await using var app = await StartActorAppAsync(cluster, "counter", new ActorProbe());
        await Proxy(app, "keep").IncrementAsync(3);

        await app.RestartAsync();

        Assert.Equal(3, await Proxy(app, "keep").GetAsync());
    }

    [Fact]
    public async Task An_idle_actor_is_deactivated_and_its_timer_stops()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe, o => o.ActorIdleTimeout = TimeSpan.FromMilliseconds(300));

        // The period outlasts the idle timeout, so only deactivation can stop the second tick.
        await Proxy(app, "t").StartTimerAsync("tick", 20, 900);
        await Eventually.TrueAsync(() => probe.Count("timer:t:tick") == 1, "the timer fired");
        await Eventually.TrueAsync(() => probe.Count("deactivated:t") == 1, "the idle actor was deactivated");

        Assert.Equal(0, cluster.Actors.ActiveCount(Type));
        await Eventually.NeverAsync(() => probe.Count("timer:t:tick") > 1, TimeSpan.FromMilliseconds(1200), "the timer fires after deactivation");
        Assert.Contains(cluster.Calls.Where("counter", "actors", "deactivate"), c => c.Target == "CounterActor/t" && c.Outcome == "ok: idle");
    }

    [Fact]
    public async Task A_timer_stops_when_unregistered()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);
        var actor = Proxy(app, "u");

        await actor.StartTimerAsync("beat", 0, 50);
        await Eventually.TrueAsync(() => probe.Count("timer:u:beat") >= 2, "the timer fired repeatedly");
        await actor.StopTimerAsync("beat");
        var fired = probe.Count("timer:u:beat");

        await Eventually.NeverAsync(() => probe.Count("timer:u:beat") > fired, TimeSpan.FromMilliseconds(300), "the timer fires after unregistering");
    }

    [Fact]
    public async Task A_reminder_fires_with_its_state()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);

        await Proxy(app, "r").RegisterReminderAsync("ping", 50, -1, 0);

        await Eventually.TrueAsync(() => probe.Count("remind:r:ping:state-of-ping") == 1, "the reminder fired");
        await Eventually.TrueAsync(() => cluster.Actors.Reminders.All.Count == 0, "a one-shot reminder is gone after firing");
    }

    [Fact]
    public async Task A_reminder_due_while_the_app_is_down_fires_after_it_restarts()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);
        await Proxy(app, "late").RegisterReminderAsync("wake", 200, -1, 0);

        await app.StopAsync();
        await Eventually.TrueAsync(() => cluster.Calls.Where("counter", "actors", "remind").Any(c => c.Outcome.StartsWith("retrying", StringComparison.Ordinal)),
            "the reminder came due while the app was down");
        Assert.Equal(0, probe.Count("remind:late:wake"));

        await app.RestartAsync();

        // Generous: a restarted app's first actor call (activation, JIT) can take seconds on a loaded machine.
        await Eventually.TrueAsync(() => probe.Count("remind:late:wake") == 1, "the reminder fired in the restarted app", TimeSpan.FromSeconds(30),
            () => "the cluster's actor calls:\n" + string.Join("\n", cluster.Calls.Where(api: "actors").TakeLast(30).Select(c => $"{c.At:O} {c.AppId} {c.Operation} {c.Target} {c.Outcome}")));
    }

    [Fact]
    public async Task A_reminder_with_R3_period_fires_exactly_three_times()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await StartClusterAsync(o => o.Time = clock);
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);

        // The SDK sends period "R3/PT1S" for three repetitions every second.
        await Proxy(app, "rep").RegisterReminderAsync("thrice", 0, 1000, 3);
        await Eventually.TrueAsync(() => probe.Count("remind:rep:thrice") == 1, "the first tick fired");
        for (var tick = 2; tick <= 3; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var expected = tick;
            await Eventually.TrueAsync(() => probe.Count("remind:rep:thrice") == expected, $"tick {expected} fired");
        }
        clock.Advance(TimeSpan.FromSeconds(5));

        await Eventually.NeverAsync(() => probe.Count("remind:rep:thrice") > 3, TimeSpan.FromMilliseconds(300), "a fourth tick fires");
        Assert.Empty(cluster.Actors.Reminders.All);
    }

    [Fact]
    public async Task A_reminder_reads_back_and_is_gone_after_unregistering()
    {
        await using var cluster = await StartClusterAsync();
        var probe = new ActorProbe();
        await using var app = await StartActorAppAsync(cluster, "counter", probe);
        var actor = Proxy(app, "g");

        await actor.RegisterReminderAsync("later", 3_600_000, 7_200_000, 0);
        Assert.Equal("01:00:00|02:00:00|state-of-later", await actor.DescribeReminderAsync("later"));

        await actor.UnregisterReminderAsync("later");

        Assert.Equal("error:ERR_ACTOR_REMINDER_NOT_FOUND", await actor.DescribeReminderAsync("later"));
        Assert.Empty(cluster.Actors.Reminders.All);
    }

    [Fact]
    public async Task Only_the_hosting_apps_sidecar_manages_reminders_of_a_type()
    {
        await using var cluster = await StartClusterAsync();
        await using var host = await StartActorAppAsync(cluster, "counter", new ActorProbe());
        await using var other = await SampleApp.StartAsync(cluster, "web");
        using var http = new HttpClient { BaseAddress = new Uri(other.Sidecar.HttpEndpoint) };

        using var response = await http.PutAsync("/v1.0/actors/CounterActor/x/reminders/r",
            new StringContent("""{"dueTime":"1s"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ERR_ACTOR_REMINDER_NON_HOSTED", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class InMemoryActorConformanceTests() : ActorConformanceTests(onRedis: false);
