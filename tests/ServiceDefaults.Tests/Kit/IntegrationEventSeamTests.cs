using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Testing;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Http;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests.Kit;

/// <summary>
/// The kit's event seam end to end: staged in the outbox, relayed through the local sidecar's pub/sub, routed on the
/// CloudEvent type to <c>MapIntegrationEvent</c>, handled once in the event's tenant, RETRY and DROP as Dapr expects.
/// </summary>
public sealed class IntegrationEventSeamTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    const string Topic = "note-events";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    readonly Guid _tenant = Guid.CreateVersion7();
    TestDapr _dapr = null!;
    KitApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        await NotesDb.ResetAsync(database.ConnectionString, Ct);
        _dapr = await TestDapr.StartAsync(alsoScopedTo: new Dictionary<string, string[]> { ["pubsub"] = [KitApp.DefaultAppId] });
        _app = await KitApp.StartAsync(_dapr, database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dapr.DisposeAsync();
    }

    /// <summary>Stages an event as a request of the kit app would (its DbContext, so the commit wakes the relay).</summary>
    async Task StageAsync(DaprShop.Contracts.IntegrationEvent @event, Guid? tenant = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ITenantContext>();
        context.Set(tenant ?? _tenant);
        var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
        new IntegrationEventOutbox(db, context, new FixedCorrelation("corr-from-the-request"), TimeProvider.System).Stage(Topic, @event);
        await db.SaveChangesAsync(Ct);
    }

    Task<long> NotesAsync(Guid tenant) => database.ScalarAsync<long>($"select count(*) from notes where \"TenantId\" = '{tenant}'");

    async Task WhenDeliveredAsync()
    {
        await Eventually.TrueAsync(
            async () => await database.ScalarAsync<long>("select count(*) from outbox_messages where \"SentAt\" is null") == 0,
            "the relay sends every staged event");
        await _dapr.Cluster.PubSub.WhenIdleAsync(Ct);
    }

    [Fact]
    public async Task A_staged_event_is_handled_in_its_own_tenant_under_the_correlation_id_of_the_request_that_caused_it()
    {
        await StageAsync(new NoteRequested("hello"));
        await WhenDeliveredAsync();

        Assert.Equal(1, await NotesAsync(_tenant));
        Assert.Equal("hello|corr-from-the-request", await database.ScalarAsync<string>("select \"Text\" from notes"));
    }

    [Fact]
    public async Task A_duplicated_delivery_is_applied_once()
    {
        _dapr.Cluster.Faults.DuplicateNextDelivery(Topic);
        await StageAsync(new NoteRequested("once"));
        await WhenDeliveredAsync();

        // The copy runs the handler only when it races the original (and then rolls back); after it, it finds the event done.
        Assert.InRange(_app.Behaviour.Deliveries, 1, 2);
        Assert.Equal(1, await NotesAsync(_tenant));
        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from processed_events"));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_event_applied_once()
    {
        _app.Behaviour.FailTransiently(2);
        await StageAsync(new NoteRequested("eventually"));

        await Eventually.TrueAsync(async () => await NotesAsync(_tenant) == 1, "the redelivered event is applied");
        await _dapr.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(3, _app.Behaviour.Deliveries);
        Assert.Equal(1, await NotesAsync(_tenant));
    }

    [Fact]
    public async Task An_event_that_can_never_be_handled_is_dropped_not_retried()
    {
        _app.Behaviour.Permanent = true;
        await StageAsync(new NoteRequested("never"));
        await WhenDeliveredAsync();

        Assert.Equal(1, _app.Behaviour.Deliveries);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from notes"));
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from processed_events"));
    }

    [Fact]
    public async Task An_event_without_a_tenant_is_dropped_before_any_handler_runs()
    {
        var dapr = new DaprClientBuilder().UseHttpEndpoint(_app.Sidecar.HttpEndpoint).UseGrpcEndpoint(_app.Sidecar.GrpcEndpoint).Build();
        await dapr.PublishEventAsync("pubsub", Topic, new { eventId = Guid.CreateVersion7(), text = "nobody's" },
            new Dictionary<string, string> { ["cloudevent.type"] = nameof(NoteRequested) }, Ct);
        await _dapr.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.Equal(0, _app.Behaviour.Deliveries);
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from notes"));
    }

    [Fact]
    public async Task Other_event_types_on_the_topic_never_reach_the_handler()
    {
        await StageAsync(new NoteIgnored("not for this handler"));
        await StageAsync(new NoteRequested("for this handler"));
        await WhenDeliveredAsync();

        Assert.Equal(1, _app.Behaviour.Deliveries);
        Assert.Equal(1, await NotesAsync(_tenant));
    }

    [Fact]
    public async Task Events_of_two_tenants_each_land_in_their_own_tenant()
    {
        var other = Guid.CreateVersion7();
        await StageAsync(new NoteRequested("mine"));
        await StageAsync(new NoteRequested("theirs"), other);
        await WhenDeliveredAsync();

        Assert.Equal(1, await NotesAsync(_tenant));
        Assert.Equal(1, await NotesAsync(other));
        await using var mine = NotesDb.Open(database.ConnectionString, _tenant);
        Assert.Equal(["mine|corr-from-the-request"], await mine.Notes.Select(n => n.Text).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_event_route_refuses_a_caller_that_is_not_the_sidecar()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/events/{Topic}/{nameof(NoteRequested)}")
        {
            Content = JsonContent.Create(new NoteRequested("forged") { TenantId = _tenant }),
        };
        forged.Headers.Add("dapr-api-token", "a guess");

        var response = await _app.Client.SendAsync(forged, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, Problems.ProblemTypes.Unauthorized);
        Assert.Equal(0, _app.Behaviour.Deliveries);
    }

    sealed class FixedCorrelation(string id) : Correlation.ICorrelationContext
    {
        public string CorrelationId => id;
    }
}
