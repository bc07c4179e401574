using DaprShop.Catalog.Data.Postgres;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Catalog.Tests.Support;

/// <summary>
/// Catalog as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// a stand-in identity (<see cref="TestTokenIssuer"/>) whose JWKS catalog fetches through Dapr invocation, a fake
/// clock, and a test subscriber on <c>product-events</c>. One per test class; tests isolate themselves by tenant.
/// </summary>
public sealed class CatalogService : IAsyncLifetime
{
    public const string AppId = "catalog";

    ServiceHost<Program>? _host;
    TestDapr? _dapr;

    public PostgresDatabase Database { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    public TestTokenIssuer Tokens { get; private set; } = null!;
    public ProductWatcher Watcher { get; private set; } = null!;

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("catalog did not start");
        }
    }

    public CatalogApi Api => new(Host.Client, Tokens);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        _dapr = await TestDapr.StartAsync(alsoScopedTo: new Dictionary<string, string[]> { ["pubsub"] = [ProductWatcher.AppId] }, configure: o => o.Time = Clock);
        Tokens = await TestTokenIssuer.StartAsync(_dapr.Cluster, Clock);
        Watcher = await ProductWatcher.StartAsync(_dapr.Cluster);
        _host = await ServiceHost.StartAsync<Program>(_dapr, AppId, o => o
            .ConnectionString("catalog", Database.ConnectionString)
            .UseFakeClock(Clock));
    }

    /// <summary>Products in any tenant, read past the tenant filter (to prove what was or was not written).</summary>
    public Task<long> CountProductsAsync(string sku) =>
        Database.ScalarAsync<long>("select count(*) from products where sku = $1", sku);

    public Task<long> CountOutboxAsync(string eventType) =>
        Database.ScalarAsync<long>("select count(*) from outbox_messages where \"EventType\" = $1", eventType);

    public Task<long> CountOutboxAsync(string eventType, Guid productId) =>
        Database.ScalarAsync<long>("select count(*) from outbox_messages where \"EventType\" = $1 and \"Payload\"->>'productId' = $2",
            eventType, productId.ToString());

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (Watcher is not null) await Watcher.DisposeAsync();
        if (Tokens is not null) await Tokens.DisposeAsync();
        if (_dapr is not null) await _dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}
