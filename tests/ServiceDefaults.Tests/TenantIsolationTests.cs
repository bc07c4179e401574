using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.ServiceDefaults.Tests;

/// <summary>The data-layer tenancy every service inherits, on real PostgreSQL.</summary>
public sealed class TenantIsolationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static readonly Guid TenantA = Guid.CreateVersion7();
    static readonly Guid TenantB = Guid.CreateVersion7();
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    NotesDb Db(Guid? tenant) => NotesDb.Open(database.ConnectionString, tenant);

    public async ValueTask InitializeAsync()
    {
        await NotesDb.ResetAsync(database.ConnectionString, Ct);
        await using var a = Db(TenantA);
        a.Notes.AddRange(new Note { Text = "a1" }, new Note { Text = "a2" });
        await a.SaveChangesAsync(Ct);
        await using var b = Db(TenantB);
        b.Notes.Add(new Note { Text = "b1" });
        await b.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_query_with_no_tenant_in_context_returns_no_rows_at_all()
    {
        await using var db = Db(null);

        Assert.Empty(await db.Notes.ToListAsync(Ct));
        Assert.Equal(3, await db.Notes.IgnoreQueryFilters([TenantModelBuilderExtensions.TenantFilter]).CountAsync(Ct));
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_rows()
    {
        await using var a = Db(TenantA);
        await using var b = Db(TenantB);

        Assert.Equal(["a1", "a2"], (await a.Notes.Select(n => n.Text).ToListAsync(Ct)).Order());
        Assert.Equal(["b1"], await b.Notes.Select(n => n.Text).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_lookup_by_id_of_another_tenants_row_finds_nothing()
    {
        Guid bId;
        await using (var b = Db(TenantB)) bId = (await b.Notes.SingleAsync(Ct)).Id;
        await using var a = Db(TenantA);

        Assert.Null(await a.Notes.FirstOrDefaultAsync(n => n.Id == bId, Ct));
    }

    [Fact]
    public async Task New_rows_are_stamped_with_the_current_tenant()
    {
        await using var a = Db(TenantA);
        var note = new Note { Text = "stamped" };
        a.Notes.Add(note);
        await a.SaveChangesAsync(Ct);

        Assert.Equal(TenantA, note.TenantId);
    }

    [Fact]
    public async Task A_write_with_no_tenant_is_refused_and_nothing_is_written()
    {
        await using var db = Db(null);
        db.Notes.Add(new Note { Text = "orphan" });

        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync(Ct));

        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from notes where \"Text\" = 'orphan'"));
    }

    [Fact]
    public async Task A_write_into_another_tenant_is_refused()
    {
        await using var a = Db(TenantA);
        a.Notes.Add(new Note { Text = "smuggled", TenantId = TenantB });

        await Assert.ThrowsAsync<TenantIsolationException>(() => a.SaveChangesAsync(Ct));

        Assert.Equal(0, await database.ScalarAsync<long>("select count(*) from notes where \"Text\" = 'smuggled'"));
    }

    [Fact]
    public void Every_tenant_owned_entity_gets_an_index_leading_with_TenantId()
    {
        using var db = Db(null);

        var index = Assert.Single(db.Model.FindEntityType(typeof(Note))!.GetIndexes());
        Assert.Equal(nameof(ITenantOwned.TenantId), index.Properties[0].Name);
    }
}
