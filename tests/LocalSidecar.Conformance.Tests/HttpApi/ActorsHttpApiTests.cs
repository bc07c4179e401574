using System.Net;
using Dapr.Actors.Runtime;
using DaprShop.LocalSidecar.Tests.Actors;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>The actor API over raw HTTP, as a non-.NET SDK calls it: invoke, state, reminders, timers.</summary>
public sealed class ActorsHttpApiTests
{
    static Task<SampleApp> StartHostAsync(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster, ActorProbe probe) =>
        SampleApp.StartAsync(cluster, "counter",
            services: b =>
            {
                b.Services.AddSingleton(probe);
                b.Services.AddActors(o => o.Actors.RegisterActor<CounterActor>());
            },
            endpoints: web => web.MapActorsHandlers());

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task A_method_is_invoked_with_its_JSON_argument_from_any_apps_sidecar(string verb)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var host = await StartHostAsync(cluster, new ActorProbe());
        using var http = For(await cluster.AddSidecarAsync("caller"));

        using var first = await http.SendAsync(verb, "/v1.0/actors/CounterActor/h1/method/IncrementAsync", "3");
        using var second = await http.SendAsync(verb, "/v1.0/actors/CounterActor/h1/method/IncrementAsync", "4");
        using var read = await http.SendAsync("GET", "/v1.0/actors/CounterActor/h1/method/GetAsync");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("3", await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal("7", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal("7", await read.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task State_is_read_by_key_and_written_by_transaction_on_an_active_actor_only()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var host = await StartHostAsync(cluster, new ActorProbe());
        using var http = For(host.Sidecar);
        (await http.SendAsync("POST", "/v1.0/actors/CounterActor/h2/method/IncrementAsync", "5")).EnsureSuccessStatusCode();

        using var count = await http.GetAsync("/v1.0/actors/CounterActor/h2/state/count", Ct);
        using var written = await http.SendAsync("PUT", "/v1.0/actors/CounterActor/h2/state",
            """[{"operation":"upsert","request":{"key":"note","value":{"by":"http"}}},{"operation":"delete","request":{"key":"count"}}]""");
        using var note = await http.GetAsync("/v1.0/actors/CounterActor/h2/state/note", Ct);
        using var deleted = await http.GetAsync("/v1.0/actors/CounterActor/h2/state/count", Ct);
        var inactive = await ErrorAsync(await http.SendAsync("POST", "/v1.0/actors/CounterActor/never-activated/state",
            """[{"operation":"upsert","request":{"key":"k","value":1}}]"""));

        Assert.Equal("5", await count.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.Equal("""{"by":"http"}""", await note.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_ACTOR_INSTANCE_MISSING"), (inactive.Status, inactive.ErrorCode));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task A_reminder_is_created_read_and_deleted(string verb)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var host = await StartHostAsync(cluster, new ActorProbe());
        using var http = For(host.Sidecar);

        using var created = await http.SendAsync(verb, "/v1.0/actors/CounterActor/h3/reminders/nightly", """{"dueTime":"1h","period":"24h","data":"payload"}""");
        var reminder = await JsonAsync(await http.GetAsync("/v1.0/actors/CounterActor/h3/reminders/nightly", Ct));
        using var deleted = await http.DeleteAsync("/v1.0/actors/CounterActor/h3/reminders/nightly", Ct);
        var gone = await ErrorAsync(await http.GetAsync("/v1.0/actors/CounterActor/h3/reminders/nightly", Ct));

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(("1h", "24h", "payload"), (reminder.GetProperty("dueTime").GetString(), reminder.GetProperty("period").GetString(), reminder.GetProperty("data").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "ERR_ACTOR_REMINDER_NOT_FOUND"), (gone.Status, gone.ErrorCode));
    }

    [Fact]
    public async Task A_timer_is_created_and_deleted()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var probe = new ActorProbe();
        await using var host = await StartHostAsync(cluster, probe);
        using var http = For(host.Sidecar);
        (await http.SendAsync("POST", "/v1.0/actors/CounterActor/h4/method/IncrementAsync", "1")).EnsureSuccessStatusCode();

        // The sidecar hands the registration back to the app when the timer fires; the .NET actor runtime parses
        // durations only in its own "0h0m0s0ms" form, so this registration uses that form.
        using var created = await http.SendAsync("PUT", "/v1.0/actors/CounterActor/h4/timers/tick",
            """{"dueTime":"0h0m0s10ms","period":"1h0m0s0ms","callback":"OnTimerAsync","data":"dGljaw=="}""");
        await Eventually.TrueAsync(() => probe.Count("timer:h4:") == 1, "the timer fired");
        using var deleted = await http.DeleteAsync("/v1.0/actors/CounterActor/h4/timers/tick", Ct);

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains(cluster.Calls.Where("counter", "actors"), c => c.Operation == "unregister-timer" && c.Succeeded);
    }
}
