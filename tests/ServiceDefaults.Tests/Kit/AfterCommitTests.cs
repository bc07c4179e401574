using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests.Kit;

/// <summary>Work registered with RunAfterCommit follows a commit, never a rollback, and never runs before the data is durable.</summary>
public sealed class AfterCommitTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static readonly Guid Tenant = Guid.CreateVersion7();
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await NotesDb.ResetAsync(database.ConnectionString, Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    NotesDb Db()
    {
        var context = new TenantContext();
        context.Set(Tenant);
        return new NotesDb(new DbContextOptionsBuilder<NotesDb>().UseNpgsql(database.ConnectionString)
            .AddInterceptors(new TenantStampingInterceptor(), new AfterCommitInterceptor()).Options, context);
    }

    Task<long> CommittedNotesAsync() => database.ScalarAsync<long>("select count(*) from notes");

    [Fact]
    public async Task Runs_after_a_save_outside_a_transaction_and_sees_the_committed_row()
    {
        long seen = -1;
        await using var db = Db();
        db.Notes.Add(new Note { Text = "a" });
        db.RunAfterCommit(async _ => seen = await CommittedNotesAsync());

        await db.SaveChangesAsync(Ct);

        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Waits_for_the_commit_of_an_explicit_transaction()
    {
        var ran = 0;
        await using var db = Db();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        db.Notes.Add(new Note { Text = "b" });
        db.RunAfterCommit(_ => { ran++; return Task.CompletedTask; });
        await db.SaveChangesAsync(Ct);
        Assert.Equal(0, ran);

        await tx.CommitAsync(Ct);

        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task Is_forgotten_on_rollback()
    {
        var ran = 0;
        await using var db = Db();
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Notes.Add(new Note { Text = "c" });
            db.RunAfterCommit(_ => { ran++; return Task.CompletedTask; });
            await db.SaveChangesAsync(Ct);
            await tx.RollbackAsync(Ct);
        }

        db.ChangeTracker.Clear();
        db.Notes.Add(new Note { Text = "d" });
        await db.SaveChangesAsync(Ct);

        Assert.Equal(0, ran);
    }
}
