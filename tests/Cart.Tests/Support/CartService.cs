using System.Net.Http.Headers;
using System.Net.Http.Json;
using DaprShop.Contracts;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using DaprShop.Testing.Redis;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Cart.Tests.Support;

/// <summary>
/// cart as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar, with
/// one fake clock shared by the app and the cluster (so reminders and timers fire when the test advances it), identity's
/// stand-in for tokens, and catalog and inventory stand-ins (<see cref="Dependencies"/>). Tests isolate themselves with
/// their own tenants and users. <see cref="RedisCartService"/> keeps the cluster's state in a leased Redis database instead
/// of memory, so the whole cluster can be restarted under a cart.
/// </summary>
public class CartService : IAsyncLifetime
{
    readonly bool _onRedis;

    public CartService() : this(onRedis: false)
    {
    }

    protected CartService(bool onRedis) => _onRedis = onRedis;

    public const string AppId = "cart";

    static readonly HttpClient SidecarClient = new();

    ServiceHost<Program>? _host;
    TestDapr? _dapr;
    TestIdentity? _identity;
    Dependencies? _dependencies;

    public PostgresDatabase Database { get; } = new();

    /// <summary>The leased Redis database of a <see cref="RedisCartService"/>; null for the in-memory cluster.</summary>
    public RedisTestDatabase? Redis { get; private set; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            _ = Redis?.Endpoint;             // skips when no Redis (a Redis-backed fixture)
            return _host ?? throw new InvalidOperationException("cart did not start");
        }
    }

    public Dependencies Dependencies => _dependencies ?? throw new InvalidOperationException("cart did not start");

    /// <summary>Bare sidecars the tests call cart's service route through: <c>ordering</c> (allowed) and <c>reviews</c> (not).</summary>
    public AppSidecar Ordering { get; private set; } = null!;
    public AppSidecar Reviews { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        if (_onRedis)
        {
            Redis = await RedisTestDatabase.LeaseAsync();
            if (!Redis.IsAvailable) return;
        }
        await StartClusterAsync();
    }

    /// <summary>
    /// Stops the app, its stand-ins and the whole sidecar cluster, and starts them again on the same PostgreSQL and Redis
    /// databases (what stopping and starting <c>make run</c> does).
    /// </summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        await StartClusterAsync();
    }

    async Task StartClusterAsync()
    {
        var dapr = _dapr = await TestDapr.StartAsync(configure: o => o.Time = Clock, redis: Redis);
        try
        {
            _identity = await TestIdentity.StartAsync(dapr);
            if (_dependencies is null) _dependencies = await Dependencies.StartAsync(dapr.Cluster);
            else await _dependencies.AttachAsync(dapr.Cluster);
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("cart", Database.ConnectionString)
                .Setting("Logging:LogLevel:Default", "Warning")
                .UseFakeClock(Clock));
            Ordering = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("ordering"));
            Reviews = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("reviews"));
        }
        catch
        {
            await StopClusterAsync();
            throw;
        }
    }

    async Task StopClusterAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_dependencies is not null) await _dependencies.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
        if (_dapr is not null) await _dapr.DisposeAsync();
        _host = null;
        _identity = null;
        _dapr = null;
    }

    /// <summary>A client for a (new, unless given) customer of <paramref name="tenantId"/>, straight to the app.</summary>
    public CartClient Customer(Guid tenantId, Guid? userId = null, params string[] roles)
    {
        var user = userId ?? Guid.CreateVersion7();
        var token = _identity!.Token(tenantId, user, roles.Length == 0 ? ["customer"] : roles, Clock.GetUtcNow(), lifetime: TimeSpan.FromDays(30));
        var http = Host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new CartClient(http, tenantId, user);
    }

    /// <summary>A client without a token, naming <paramref name="tenantId"/> in X-Tenant-ID (a guest).</summary>
    public CartClient Guest(Guid tenantId)
    {
        var http = Host.CreateClient();
        http.DefaultRequestHeaders.Add("X-Tenant-ID", tenantId.ToString());
        return new CartClient(http, tenantId, null);
    }

    /// <summary>Publishes an order event as ordering's outbox relay does (through a sidecar scoped to pubsub).</summary>
    public Task PublishOrderEventAsync<TEvent>(TEvent @event) where TEvent : IntegrationEvent =>
        _identity!.PublishAsync(Topics.OrderEvents, @event.EventType, @event.EventId, @event);

    /// <summary>Calls cart's service route <paramref name="path"/> through <paramref name="caller"/>'s sidecar, naming the tenant.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(AppSidecar caller, HttpMethod method, string path, Guid? tenantId)
    {
        using var request = new HttpRequestMessage(method, $"{caller.HttpEndpoint}/v1.0/invoke/{AppId}/method{path}");
        if (tenantId is { } t) request.Headers.TryAddWithoutValidation("X-Tenant-ID", t.ToString());
        var response = await SidecarClient.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>What Redis losing everything would do to the actor store: every cart key gone.</summary>
    public void FlushActorStore()
    {
        var store = Host.Cluster.StateStores["statestore"];
        store.Apply([.. store.Keys($"{AppId}||").Select(k => new StateWrite(k, true, null, null, false, null))]);
    }

    public Task<long> CountBackupsAsync(Guid tenantId) =>
        Database.ScalarAsync<long>("select count(*) from cart_backups where tenant_id = $1", tenantId);

    public async Task SetTaxAsync(Guid tenantId, object table)
    {
        using var admin = Customer(tenantId, null, "admin");
        using var response = await admin.Http.PutAsJsonAsync("/api/v1/cart-settings/tax", table);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetShippingAsync(Guid tenantId, object table)
    {
        using var admin = Customer(tenantId, null, "admin");
        using var response = await admin.Http.PutAsJsonAsync("/api/v1/cart-settings/shipping", table);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await StopClusterAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A <see cref="CartService"/> whose cluster keeps its state in Redis (skipped, with the reason, without one).</summary>
public sealed class RedisCartService : CartService
{
    public RedisCartService() : base(onRedis: true)
    {
    }
}
