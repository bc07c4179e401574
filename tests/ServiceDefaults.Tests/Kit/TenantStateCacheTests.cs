using DaprShop.ServiceDefaults.Caching;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Postgres;

namespace DaprShop.ServiceDefaults.Tests.Kit;

/// <summary>The kit's cache-aside over the Dapr state store, through a real sidecar: fills, hits, and fills that lose to invalidations.</summary>
public sealed class TenantStateCacheTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    TestDapr _dapr = null!;
    KitApp _app = null!;
    readonly Guid _tenant = Guid.CreateVersion7();
    readonly Guid _id = Guid.CreateVersion7();
    int _loads;

    TenantStateCache Cache => _app.Services.GetRequiredService<TenantStateCache>();

    public async ValueTask InitializeAsync()
    {
        await NotesDb.ResetAsync(database.ConnectionString, Ct);
        _dapr = await TestDapr.StartAsync();
        _app = await KitApp.StartAsync(_dapr, database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dapr.DisposeAsync();
    }

    [Fact]
    public async Task A_miss_loads_and_fills_so_the_next_read_is_a_hit()
    {
        var first = await ReadAsync(_tenant, "v1");
        var second = await ReadAsync(_tenant, "v2");

        Assert.Equal("v1", first!.Text);
        Assert.Equal("v1", second!.Text);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task An_invalidation_makes_the_next_read_load_again()
    {
        await ReadAsync(_tenant, "v1");
        await Cache.InvalidateAsync(_tenant, "thing", _id, Ct);

        var after = await ReadAsync(_tenant, "v2");

        Assert.Equal("v2", after!.Text);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_read_that_loaded_before_a_write_cannot_put_the_old_value_back_after_its_invalidation()
    {
        // The writer commits and invalidates while the reader is between its miss and its fill.
        var raced = await Cache.GetOrLoadAsync(_tenant, "thing", _id, Ttl, async ct =>
        {
            _loads++;
            await Cache.InvalidateAsync(_tenant, "thing", _id, ct);
            return new Thing(_tenant, _id, "old");
        }, t => t.TenantId == _tenant, Ct);

        var next = await ReadAsync(_tenant, "new");

        Assert.Equal("old", raced!.Text);
        Assert.Equal("new", next!.Text);
    }

    [Fact]
    public async Task The_race_is_closed_also_over_an_earlier_invalidation()
    {
        await ReadAsync(_tenant, "v1");
        await Cache.InvalidateAsync(_tenant, "thing", _id, Ct);

        await Cache.GetOrLoadAsync(_tenant, "thing", _id, Ttl, async ct =>
        {
            await Cache.InvalidateAsync(_tenant, "thing", _id, ct);
            return new Thing(_tenant, _id, "v2");
        }, t => t.TenantId == _tenant, Ct);
        var next = await ReadAsync(_tenant, "v3");

        Assert.Equal("v3", next!.Text);
    }

    [Fact]
    public async Task Entries_are_per_tenant()
    {
        var other = Guid.CreateVersion7();
        await ReadAsync(_tenant, "mine");

        var theirs = await ReadAsync(other, "theirs");

        Assert.Equal("theirs", theirs!.Text);
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_cached_value_the_caller_does_not_accept_is_a_miss()
    {
        await ReadAsync(_tenant, "v1");

        var refused = await Cache.GetOrLoadAsync(_tenant, "thing", _id, Ttl,
            _ => Task.FromResult<Thing?>(new Thing(_tenant, _id, "from the database")), t => t.Text != "v1", Ct);

        Assert.Equal("from the database", refused!.Text);
    }

    Task<Thing?> ReadAsync(Guid tenant, string text) =>
        Cache.GetOrLoadAsync(tenant, "thing", _id, Ttl, _ =>
        {
            _loads++;
            return Task.FromResult<Thing?>(new Thing(tenant, _id, text));
        }, t => t.TenantId == tenant && t.Id == _id, Ct);

    sealed record Thing(Guid TenantId, Guid Id, string Text);
}
