using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Events;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests;

public sealed record NoteAdded(Guid NoteId) : IntegrationEvent;

/// <summary>Events staged in the outbox share the fate of the transaction that caused them.</summary>
public sealed class OutboxTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static readonly Guid Tenant = Guid.CreateVersion7();
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    NotesDb Db() => NotesDb.Open(database.ConnectionString, Tenant);

    public async ValueTask InitializeAsync() => await NotesDb.ResetAsync(database.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    static NoteAdded Added(Note note) => new(note.Id) { TenantId = Tenant, CorrelationId = "c-1", OccurredAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task An_event_staged_in_a_rolled_back_transaction_is_never_written()
    {
        await using (var db = Db())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var note = new Note { Text = "rolled back" };
            db.Notes.Add(note);
            db.AddToOutbox(Topics.UserEvents, Added(note));
            await db.SaveChangesAsync(Ct);
            await tx.RollbackAsync(Ct);
        }

        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from outbox_messages"));
        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from notes"));
    }

    [Fact]
    public async Task An_event_commits_with_its_change_as_a_pending_message_carrying_the_whole_event()
    {
        var note = new Note { Text = "kept" };
        var @event = Added(note);
        await using (var db = Db())
        {
            db.Notes.Add(note);
            db.AddToOutbox(Topics.UserEvents, @event);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await database.ScalarAsync<long>("select count(*) from outbox_messages where \"SentAt\" is null"));
        Assert.Equal("NoteAdded", await database.ScalarAsync<string>("select \"EventType\" from outbox_messages"));
        Assert.Equal(@event.EventId.ToString(), await database.ScalarAsync<string>("select \"Payload\"->>'eventId' from outbox_messages"));
        Assert.Equal(Tenant.ToString(), await database.ScalarAsync<string>("select \"Payload\"->>'tenantId' from outbox_messages"));
    }
}
