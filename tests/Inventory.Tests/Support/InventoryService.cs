using DaprShop.Contracts;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;

namespace DaprShop.Inventory.Tests.Support;

/// <summary>
/// inventory as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// with a fake clock; identity is the <see cref="TestIdentity"/> stand-in (JWKS, tokens, and the publisher of the order
/// events ordering will publish); <c>ordering</c> and <c>cart</c> are bare sidecars the tests invoke inventory through,
/// as those services will. One per test class; tests isolate themselves with their own tenants and SKUs.
/// </summary>
public sealed class InventoryService : IAsyncLifetime
{
    public const string AppId = "inventory";

    ServiceHost<Program>? _host;
    TestIdentity? _identity;

    public PostgresDatabase Database { get; } = new();

    /// <summary>The running service; skips the test (with the reason) when there is no PostgreSQL.</summary>
    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("inventory did not start");
        }
    }

    public TestIdentity Identity
    {
        get
        {
            _ = Database.ConnectionString;
            return _identity ?? throw new InvalidOperationException("inventory did not start");
        }
    }

    public AppSidecar Ordering { get; private set; } = null!;
    public AppSidecar Cart { get; private set; } = null!;
    public AppSidecar Reviews { get; private set; } = null!;

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public InventoryApi Api => new(this);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync();
        try
        {
            _identity = await TestIdentity.StartAsync(dapr);
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("inventory", Database.ConnectionString)
                .UseFakeClock());
            Ordering = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("ordering"));
            Cart = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("cart"));
            Reviews = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("reviews"));
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    public string AdminToken(Guid tenantId) => Identity.Token(tenantId, Guid.CreateVersion7(), ["admin"], Now);

    public string SupportToken(Guid tenantId) => Identity.Token(tenantId, Guid.CreateVersion7(), ["support"], Now);

    public string CustomerToken(Guid tenantId) => Identity.Token(tenantId, Guid.CreateVersion7(), ["customer"], Now);

    /// <summary>Publishes an order event as ordering's outbox relay will (through a sidecar scoped to pubsub).</summary>
    public Task PublishOrderEventAsync<TEvent>(TEvent @event) where TEvent : IntegrationEvent =>
        Identity.PublishAsync(Topics.OrderEvents, @event.EventType, @event.EventId, @event);

    /// <summary>SKUs of a tenant whose figures differ from the sum of their ledger's deltas (must always be 0).</summary>
    public async Task<long> UnreconciledSkusAsync() => await Database.ScalarAsync<long>("""
        select count(*) from stock_items s
         where s.on_hand <> coalesce((select sum(m.on_hand_delta) from stock_movements m where m.tenant_id = s.tenant_id and m.sku = s.sku), 0)
            or s.reserved <> coalesce((select sum(m.reserved_delta) from stock_movements m where m.tenant_id = s.tenant_id and m.sku = s.sku), 0)
        """);

    /// <summary>(on hand, reserved) straight from the table, past the tenant filter; null if the row is missing.</summary>
    public async Task<(long OnHand, long Reserved)?> FiguresAsync(Guid tenantId, string sku)
    {
        var exists = await Database.ScalarAsync<long>("select count(*) from stock_items where tenant_id = $1 and sku = $2", tenantId, sku);
        if (exists == 0) return null;
        return (await Database.ScalarAsync<long>("select on_hand from stock_items where tenant_id = $1 and sku = $2", tenantId, sku),
            await Database.ScalarAsync<long>("select reserved from stock_items where tenant_id = $1 and sku = $2", tenantId, sku));
    }

    public Task<long> MovementCountAsync(Guid tenantId) =>
        Database.ScalarAsync<long>("select count(*) from stock_movements where tenant_id = $1", tenantId);

    public Task<long> ReservationCountAsync(Guid tenantId) =>
        Database.ScalarAsync<long>("select count(*) from reservations where tenant_id = $1", tenantId);

    /// <summary>Staged events of a type (the outbox commits with the change it announces), for a tenant.</summary>
    public Task<long> StagedEventsAsync(string eventType, Guid tenantId) => Database.ScalarAsync<long>(
        "select count(*) from outbox_messages where \"EventType\" = $1 and \"Payload\"::jsonb ->> 'tenantId' = $2", eventType, tenantId.ToString());

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            if (_identity is not null) await _identity.DisposeAsync();
            await _host.Dapr.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
