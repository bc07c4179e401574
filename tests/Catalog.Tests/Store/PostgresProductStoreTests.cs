using DaprShop.Catalog.Data;
using DaprShop.Catalog.Data.Postgres;
using DaprShop.ServiceDefaults.Data;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Testing.Postgres;
using DaprShop.Testing.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaprShop.Catalog.Tests.Store;

/// <summary>The PostgreSQL database of the contract tests: a fresh database with catalog's migrations applied.</summary>
public sealed class CatalogPostgres : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        await using var db = Context(new FixedTenant(null));
        await MigrationExtensions.MigrateAsync(db, NullLogger.Instance);
    }

    internal CatalogDb Context(FixedTenant tenant) =>
        new(new DbContextOptionsBuilder<CatalogDb>().UseNpgsql(Database.ConnectionString).AddInterceptors(new TenantStampingInterceptor()).Options, tenant);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

public sealed class PostgresProductStoreTests(CatalogPostgres postgres) : ProductStoreContract, IClassFixture<CatalogPostgres>, IDisposable
{
    readonly List<IDisposable> _contexts = [];

    protected override IProductStore Store(Guid? tenantId)
    {
        var tenant = new FixedTenant(tenantId);
        var db = postgres.Context(tenant);
        _contexts.Add(db);
        return new PostgresProductStore(db, new IntegrationEventOutbox(db, tenant, tenant, TimeProvider.System), tenant);
    }

    protected override async Task<IReadOnlyList<string>> StagedEventsAsync(Guid productId)
    {
        await using var db = postgres.Context(new FixedTenant(null));
        return await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE \"Payload\"->>'productId' = {productId.ToString()} ORDER BY \"OccurredAt\", \"Id\"")
            .Select(m => m.EventType).ToListAsync();
    }

    public void Dispose()
    {
        foreach (var c in _contexts) c.Dispose();
    }
}
