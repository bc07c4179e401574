using DaprShop.ServiceDefaults.Events;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests;

public sealed class IdempotentHandlingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static readonly Guid Tenant = Guid.CreateVersion7();
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    NotesDb Db() => NotesDb.Open(database.ConnectionString, Tenant);

    public async ValueTask InitializeAsync() => await NotesDb.ResetAsync(database.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    Task<bool> Handle(NotesDb db, Guid eventId, string text) =>
        db.HandleOnceAsync(eventId, "notes", _ => { db.Notes.Add(new Note { Text = text }); return Task.CompletedTask; }, TimeProvider.System, Ct);

    [Fact]
    public async Task A_redelivered_event_changes_nothing_the_second_time()
    {
        var eventId = Guid.CreateVersion7();

        await using (var first = Db()) Assert.True(await Handle(first, eventId, "once"));
        await using (var second = Db()) Assert.False(await Handle(second, eventId, "once"));

        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from notes"));
        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from processed_events"));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_apply_it_once()
    {
        var eventId = Guid.CreateVersion7();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = Db();
            return await Handle(db, eventId, "raced");
        }));

        Assert.Single(results, applied => applied);
        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from notes"));
    }

    [Fact]
    public async Task A_handler_that_fails_records_nothing_so_the_retry_can_apply_it()
    {
        var eventId = Guid.CreateVersion7();
        await using (var failing = Db())
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing.HandleOnceAsync(eventId, "notes",
                _ => throw new InvalidOperationException("downstream unavailable"), TimeProvider.System, Ct));

        await using var retry = Db();
        Assert.True(await Handle(retry, eventId, "after-retry"));
        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from processed_events"));
    }
}
