extern alias CartApp;
extern alias CatalogApp;
extern alias GatewayApp;
extern alias IdentityApp;
extern alias InventoryApp;
extern alias OrderingApp;
extern alias PaymentApp;
extern alias ShippingApp;
extern alias NotificationsApp;
extern alias ReviewsApp;
extern alias UsersApp;

using System.Collections.Concurrent;
using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Contracts.Catalog;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Mail;
using DaprShop.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Scenario.Tests.Support;

/// <summary>
/// The shop as a client meets it: identity, users, catalog, inventory, cart, ordering, payment (card simulator) and
/// shipping (carrier simulator on a clock of its own the tests move: <see cref="MoveParcels"/>), notifications (mail over
/// SMTP to <see cref="Mail"/>) and reviews — each its real Program on its own PostgreSQL database —
/// and the gateway in front, all beside their sidecars in one local-sidecar cluster, on the repository's own
/// components and resiliency YAML. A watcher app subscribes to product events as another service would. The cluster
/// runs on a fake clock (breakers, timers); the services on real time. Tests isolate themselves by their own tenants.
/// </summary>
public class Shop : IAsyncLifetime
{
    public const string PlatformAdminEmail = "platform-admin@daprshop.test";
    public const string WatcherAppId = "product-watcher";

    /// <summary>Requests one user may send through the gateway per minute, here (the burst test crosses it).</summary>
    public const int UserLimitPerMinute = 30;

    readonly PostgresDatabase _identityDb = new();
    readonly PostgresDatabase _usersDb = new();
    readonly PostgresDatabase _catalogDb = new();
    readonly PostgresDatabase _inventoryDb = new();
    readonly PostgresDatabase _cartDb = new();
    readonly PostgresDatabase _orderingDb = new();
    readonly PostgresDatabase _paymentDb = new();
    readonly PostgresDatabase _shippingDb = new();
    readonly PostgresDatabase _notificationsDb = new();
    readonly PostgresDatabase _reviewsDb = new();
    ServiceHost<IdentityApp::Program>? _identity;
    SampleApp? _watcher;

    public FakeTimeProvider ClusterClock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// shipping's clock: the carrier simulator moves a parcel one status (picked up, out for delivery, delivered) per
    /// step of it, so a parcel stays before hand-over until a test moves it on. Starts at the real time (tokens).
    /// </summary>
    public FakeTimeProvider ShippingClock { get; } = new(DateTimeOffset.UtcNow);
    public string PlatformAdminPassword { get; } = TestSecrets.Password();
    public Guid PlatformTenant { get; } = Guid.Parse("01930000-0000-7000-8000-000000000001");
    public TestDapr Dapr { get; private set; } = null!;
    public ServiceHost<UsersApp::Program> Users { get; private set; } = null!;
    public ServiceHost<CatalogApp::Program> Catalog { get; private set; } = null!;
    public ServiceHost<InventoryApp::Program> Inventory { get; private set; } = null!;
    public ServiceHost<CartApp::Program> Cart { get; private set; } = null!;
    public ServiceHost<OrderingApp::Program> Ordering { get; private set; } = null!;
    public ServiceHost<PaymentApp::Program> Payment { get; private set; } = null!;
    public ServiceHost<ShippingApp::Program> Shipping { get; private set; } = null!;
    public ServiceHost<NotificationsApp::Program> Notifications { get; private set; } = null!;
    public ServiceHost<ReviewsApp::Program> Reviews { get; private set; } = null!;

    /// <summary>The SMTP server notifications' <c>email</c> binding really sends to.</summary>
    public MailCatcher Mail { get; private set; } = null!;

    /// <summary>The secret payment verifies the card simulator's webhooks with (in the cluster's secret store).</summary>
    public string PaymentWebhookSecret { get; } = TestSecrets.RandomBase64();

    /// <summary>Databases the tests wait on (the gateway's per-user limit is no budget for polling) and count in.</summary>
    public PostgresDatabase OrderingDb => _orderingDb;
    public PostgresDatabase PaymentDb => _paymentDb;
    public PostgresDatabase ShippingDb => _shippingDb;
    public PostgresDatabase NotificationsDb => _notificationsDb;
    public PostgresDatabase CatalogDb => _catalogDb;
    public PostgresDatabase InventoryDb => _inventoryDb;
    public PostgresDatabase CartDb => _cartDb;
    public PostgresDatabase UsersDb => _usersDb;
    public ServiceHost<GatewayApp::Program> Gateway { get; private set; } = null!;

    /// <summary>ProductUpdated events as the watcher received them (by product id).</summary>
    public ConcurrentDictionary<Guid, List<ProductUpdated>> ProductUpdates { get; } = new();

    /// <summary>The gateway as a client calls it; skips the test (with the reason) when there is no PostgreSQL.</summary>
    public ShopClient Client
    {
        get
        {
            _ = _identityDb.ConnectionString;
            return new ShopClient(Gateway.Client, this);
        }
    }

    public virtual async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_identityDb.InitializeAsync().AsTask(), _usersDb.InitializeAsync().AsTask(), _catalogDb.InitializeAsync().AsTask(),
            _inventoryDb.InitializeAsync().AsTask(), _cartDb.InitializeAsync().AsTask(), _orderingDb.InitializeAsync().AsTask(),
            _paymentDb.InitializeAsync().AsTask(), _shippingDb.InitializeAsync().AsTask(), _notificationsDb.InitializeAsync().AsTask(),
            _reviewsDb.InitializeAsync().AsTask());
        if (!_identityDb.IsAvailable) return;
        Dapr = await TestDapr.StartAsync(new Dictionary<string, string>
        {
            ["identity-signing-current"] = TestSecrets.RsaPrivateKeyPem(),
            ["identity-token-encryption"] = TestSecrets.RandomBase64(32),
            ["identity-platform-admin-password"] = PlatformAdminPassword,
            ["payment-webhook-secret"] = PaymentWebhookSecret,
            ["shipping-webhook-secret"] = TestSecrets.RandomBase64(),
        },
            configure: o => o.Time = ClusterClock,
            alsoScopedTo: new Dictionary<string, string[]> { [Components.PubSub] = [WatcherAppId] });
        Mail = await MailCatcher.StartAsync();
        Dapr.PointMailAt("email", Mail);
        _identity = await ServiceHost.StartAsync<IdentityApp::Program>(Dapr, "identity", o => o
            .ConnectionString("identity", _identityDb.ConnectionString)
            .Setting("Identity:PlatformAdmin:Email", PlatformAdminEmail)
            // Every scenario client is one address (the gateway's X-Forwarded-For), and the platform admin signs in for
            // every tenant; identity's own sign-in limits are proven in Identity.Tests.
            .Setting("Identity:RateLimits:PerIp", "100000")
            .Setting("Identity:RateLimits:PerAccount", "100000"));
        Users = await ServiceHost.StartAsync<UsersApp::Program>(Dapr, "users", o => o.ConnectionString("users", _usersDb.ConnectionString));
        Catalog = await ServiceHost.StartAsync<CatalogApp::Program>(Dapr, "catalog", o => o.ConnectionString("catalog", _catalogDb.ConnectionString));
        Inventory = await ServiceHost.StartAsync<InventoryApp::Program>(Dapr, "inventory", o => o.ConnectionString("inventory", _inventoryDb.ConnectionString));
        Cart = await ServiceHost.StartAsync<CartApp::Program>(Dapr, "cart", o => o.ConnectionString("cart", _cartDb.ConnectionString));
        Payment = await ServiceHost.StartAsync<PaymentApp::Program>(Dapr, "payment", o => o.ConnectionString("payment", _paymentDb.ConnectionString));
        Shipping = await ServiceHost.StartAsync<ShippingApp::Program>(Dapr, "shipping", o => o
            .ConnectionString("shipping", _shippingDb.ConnectionString)
            .UseFakeClock(ShippingClock));
        // shipping's carrier is the simulator it serves, reached through its sidecar's `carrier` HTTP endpoint.
        Dapr.SetHttpEndpointBaseUrl("carrier", new Uri(Shipping.BaseAddress, "carrier-simulator/v1").ToString());
        Notifications = await ServiceHost.StartAsync<NotificationsApp::Program>(Dapr, "notifications", o => o
            .ConnectionString("notifications", _notificationsDb.ConnectionString)
            // Two attempts 10 s apart on its own clock, so a refusing mail server dead-letters within a test.
            .Setting("Notifications:MaxAttempts", "2")
            .Setting("Notifications:RetryFirstSeconds", "10")
            .Setting("Notifications:RetryMaxSeconds", "10")
            .UseFakeClock(NotificationsClock));
        Reviews = await ServiceHost.StartAsync<ReviewsApp::Program>(Dapr, "reviews", o => o.ConnectionString("reviews", _reviewsDb.ConnectionString));
        Ordering = await ServiceHost.StartAsync<OrderingApp::Program>(Dapr, "ordering", o => o.ConnectionString("ordering", _orderingDb.ConnectionString));
        Gateway = await ServiceHost.StartAsync<GatewayApp::Program>(Dapr, "gateway", o => o
            .Setting("Gateway:RateLimits:Default:User:Limit", UserLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Setting("Gateway:RateLimits:Default:User:Window", "00:01:00")
            .Setting("Gateway:RateLimits:Default:Tenant:Limit", "100000")
            // The platform admin opens a tenant for every test: its tenant is exempt from the low user limit.
            .Setting("Gateway:RateLimits:Tenants:01930000-0000-7000-8000-000000000001:User:Limit", "100000")
            .Setting("Gateway:RateLimits:Tenants:01930000-0000-7000-8000-000000000001:User:Window", "00:01:00")
            // Every test client is 127.0.0.1: anonymous sign-ups and logins of all tests share one address.
            .Setting("Gateway:RateLimits:Default:Anonymous:Limit", "100000"));
        _watcher = await SampleApp.StartAsync(Dapr.Cluster, WatcherAppId, endpoints: web =>
            web.MapPost("/product-updated", (JsonElement e) =>
            {
                var updated = e.Deserialize<ProductUpdated>(JsonSerializerOptions.Web)!;
                var list = ProductUpdates.GetOrAdd(updated.ProductId, _ => []);
                lock (list) list.Add(updated);
                return Results.Ok();
            }).WithTopic(new Dapr.TopicOptions
            {
                PubsubName = Components.PubSub,
                Name = Topics.ProductEvents,
                Match = $"event.type == \"{nameof(ProductUpdated)}\"",
                Priority = 1,
            }));
    }

    /// <summary>notifications' clock: its retry back-off waits on it. Starts at the real time (tokens).</summary>
    public FakeTimeProvider NotificationsClock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Moves every parcel on by one carrier status (the simulator's step, 60 s of shipping's clock).</summary>
    public void MoveParcels() => ShippingClock.Advance(TimeSpan.FromSeconds(61));

    public virtual async ValueTask DisposeAsync()
    {
        if (_watcher is not null) await _watcher.DisposeAsync();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Ordering is not null) await Ordering.DisposeAsync();
        if (Payment is not null) await Payment.DisposeAsync();
        if (Shipping is not null) await Shipping.DisposeAsync();
        if (Notifications is not null) await Notifications.DisposeAsync();
        if (Reviews is not null) await Reviews.DisposeAsync();
        if (Cart is not null) await Cart.DisposeAsync();
        if (Inventory is not null) await Inventory.DisposeAsync();
        if (Catalog is not null) await Catalog.DisposeAsync();
        if (Users is not null) await Users.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
        if (Dapr is not null) await Dapr.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
        await _cartDb.DisposeAsync();
        await _orderingDb.DisposeAsync();
        await _paymentDb.DisposeAsync();
        await _shippingDb.DisposeAsync();
        await _notificationsDb.DisposeAsync();
        await _reviewsDb.DisposeAsync();
        await _inventoryDb.DisposeAsync();
        await _catalogDb.DisposeAsync();
        await _usersDb.DisposeAsync();
        await _identityDb.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
