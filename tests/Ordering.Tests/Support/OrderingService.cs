extern alias InventoryApp;
extern alias PaymentApp;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Contracts.Cart;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Shipping;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// ordering as it runs under <c>dapr run</c>, with the services its saga changes for real: payment (card simulator) and
/// inventory, each its real Program on its own PostgreSQL database, in one local-sidecar cluster on the repository's
/// components and resiliency YAML. users and catalog only answer questions, so they are stand-ins under their real app
/// ids answering from <see cref="Buyers"/> and <see cref="Products"/> (their own routes are proven in their suites).
/// </summary>
public class OrderingService : IAsyncLifetime
{
    /// <summary>Settings a derived fixture adds to payment's host (e.g. the card simulator's faults).</summary>
    protected virtual void ConfigurePayment(ServiceHostOptions options) { }

    /// <summary>Settings a derived fixture adds to ordering's host (e.g. a shorter payment wait).</summary>
    protected virtual void ConfigureOrdering(ServiceHostOptions options) { }

    ServiceHost<Program>? _host;
    ServiceHost<PaymentApp::Program>? _payment;
    ServiceHost<InventoryApp::Program>? _inventory;
    TestIdentity? _identity;
    SampleApp? _users;
    SampleApp? _catalog;
    SampleApp? _cart;
    SampleApp? _shipping;
    TestDapr? _dapr;

    public PostgresDatabase Database { get; } = new();
    public PostgresDatabase PaymentDb { get; } = new();
    public PostgresDatabase InventoryDb { get; } = new();

    /// <summary>(tenant, user) → (shipping address, billing address) users knows.</summary>
    public ConcurrentDictionary<(Guid Tenant, Guid User), (Guid Shipping, Guid Billing)> Buyers { get; } = new();

    /// <summary>(tenant, product) → what catalog answers.</summary>
    public ConcurrentDictionary<(Guid Tenant, Guid Product), ProductLookupItem> Products { get; } = new();

    /// <summary>(tenant, user) → the lines cart answers for the user's cart (none: an empty cart). A stand-in: cart's own
    /// route and its reaction to <c>OrderConfirmed</c> are proven in Cart.Tests, the two together in Scenario.Tests.</summary>
    public ConcurrentDictionary<(Guid Tenant, Guid User), (Guid ProductId, int Quantity)[]> Carts { get; } = new();

    /// <summary>(tenant, order) → the shipment the shipping stand-in holds: what the saga asked, and whether it was cancelled.</summary>
    public ConcurrentDictionary<(Guid Tenant, Guid Order), ShipmentSeen> Shipments { get; } = new();

    public bool HasShipment(Guid orderId) => Shipments.Keys.Any(k => k.Order == orderId);

    /// <summary>Waits until the saga requested the order's shipment (it moves the order to processing just before).</summary>
    public Task UntilShipmentRequestedAsync(Guid orderId) => Eventually.TrueAsync(() => HasShipment(orderId), "the shipment was requested");

    /// <summary>How many shipment requests the shipping stand-in received (retries and repeats included).</summary>
    public int ShipmentRequests => _shipmentRequests;

    int _shipmentRequests;

    /// <summary>When set, the shipping stand-in answers 503 (shipping down).</summary>
    public bool ShippingDown { get; set; }

    /// <summary>When set, the shipping stand-in refuses cancels with 409 (the carrier has the parcel).</summary>
    public bool ParcelHandedOver { get; set; }

    /// <summary>When set, the cart stand-in answers 503 (cart down).</summary>
    public bool CartDown { get; set; }

    /// <summary><c>OrderConfirmed</c> as the cart stand-in received it from <c>order-events</c>, by order id.</summary>
    public ConcurrentDictionary<Guid, OrderConfirmed> ConfirmationsSeenByCart { get; } = new();

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("ordering did not start");
        }
    }

    public ServiceHost<PaymentApp::Program> Payment => Started(_payment);
    public ServiceHost<InventoryApp::Program> Inventory => Started(_inventory);
    public TestIdentity Identity => Started(_identity);

    T Started<T>(T? value) where T : class
    {
        _ = Host;
        return value!;
    }

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(Database.InitializeAsync().AsTask(), PaymentDb.InitializeAsync().AsTask(), InventoryDb.InitializeAsync().AsTask());
        if (!Database.IsAvailable) return;
        _dapr = await TestDapr.StartAsync(new Dictionary<string, string> { ["payment-webhook-secret"] = TestSecrets.RandomBase64() });
        _identity = await TestIdentity.StartAsync(_dapr);
        _users = await SampleApp.StartAsync(_dapr.Cluster, "users", endpoints: web =>
            web.MapGet("/internal/v1/users/{userId:guid}/validation", (Guid userId, Guid? addressId, string? type, HttpRequest request) =>
            {
                var tenant = Guid.Parse(request.Headers["X-Tenant-ID"].ToString());
                if (!Buyers.TryGetValue((tenant, userId), out var buyer)) return Results.Problem(statusCode: 404, detail: $"No user {userId} in this tenant.");
                var expected = type == "BILLING" ? buyer.Billing : buyer.Shipping;
                return addressId == expected
                    ? Results.Ok(new { userId, tenantId = tenant, email = "buyer@example.test", address = new { id = addressId } })
                    : Results.Problem(statusCode: 404, detail: $"No address {addressId} in this tenant.");
            }));
        _catalog = await SampleApp.StartAsync(_dapr.Cluster, "catalog", endpoints: web =>
            web.MapPost("/internal/v1/products/lookup", (ProductLookupRequest body, HttpRequest request) =>
            {
                var tenant = Guid.Parse(request.Headers["X-Tenant-ID"].ToString());
                var ids = body.Ids ?? [];
                var found = ids.Distinct().Where(id => Products.ContainsKey((tenant, id))).Select(id => Products[(tenant, id)]).ToList();
                return Results.Ok(new ProductLookupResponse(found, [.. ids.Distinct().Where(id => !Products.ContainsKey((tenant, id)))]));
            }));
        _cart = await SampleApp.StartAsync(_dapr.Cluster, "cart", endpoints: web =>
        {
            web.MapGet("/internal/v1/carts/{userId:guid}", (Guid userId, HttpRequest request) =>
            {
                if (CartDown) return Results.Problem(statusCode: 503, detail: "cart is down (test)");
                var tenant = Guid.Parse(request.Headers["X-Tenant-ID"].ToString());
                var lines = Carts.GetValueOrDefault((tenant, userId)) ?? [];
                return Results.Ok(new CartContents([.. lines.Select(l => new CartContentLine(l.ProductId, l.Quantity))], lines.Length));
            });
            web.MapPost("/order-confirmed", (JsonElement e) =>
            {
                var confirmed = e.Deserialize<OrderConfirmed>(JsonSerializerOptions.Web)!;
                ConfirmationsSeenByCart[confirmed.OrderId] = confirmed;
                return Results.Ok();
            }).WithTopic(new Dapr.TopicOptions
            {
                PubsubName = Components.PubSub,
                Name = Topics.OrderEvents,
                Match = $"event.type == \"{nameof(OrderConfirmed)}\"",
                Priority = 1,
            });
        });
        _shipping = await SampleApp.StartAsync(_dapr.Cluster, ShippingRoutes.AppId, endpoints: web =>
        {
            // Idempotent by order id as the real one (proven with its carrier in Shipping.Tests, with ordering in Scenario.Tests).
            web.MapPost(ShippingRoutes.RequestShipment, (RequestShipmentRequest body, HttpRequest request) =>
            {
                Interlocked.Increment(ref _shipmentRequests);
                if (ShippingDown) return Results.Problem(statusCode: 503, detail: "shipping is down (test)");
                var key = (Guid.Parse(request.Headers["X-Tenant-ID"].ToString()), body.OrderId);
                var added = Shipments.TryAdd(key, new ShipmentSeen(body, Cancelled: false));
                return Results.Json(new { orderId = body.OrderId, status = "requested" }, statusCode: added ? 201 : 200);
            });
            web.MapPost("/internal/v1/shipments/{orderId:guid}/cancel", (Guid orderId, HttpRequest request) =>
            {
                if (ShippingDown) return Results.Problem(statusCode: 503, detail: "shipping is down (test)");
                var key = (Guid.Parse(request.Headers["X-Tenant-ID"].ToString()), orderId);
                if (!Shipments.TryGetValue(key, out var seen)) return Results.Problem(statusCode: 404, detail: $"No shipment for order {orderId}.");
                if (ParcelHandedOver && !seen.Cancelled) return Results.Problem(statusCode: 409, detail: "The carrier has picked the parcel up already.");
                Shipments[key] = seen with { Cancelled = true };
                return Results.Ok(new { orderId, status = "cancelled" });
            });
        });
        _inventory = await ServiceHost.StartAsync<InventoryApp::Program>(_dapr, "inventory", o => o.ConnectionString("inventory", InventoryDb.ConnectionString));
        _payment = await ServiceHost.StartAsync<PaymentApp::Program>(_dapr, "payment", o => ConfigurePayment(o.ConnectionString("payment", PaymentDb.ConnectionString)));
        _host = await ServiceHost.StartAsync<Program>(_dapr, "ordering", o => ConfigureOrdering(o
            .ConnectionString("ordering", Database.ConnectionString)
            // Starts at the real time: payment and inventory run on real time and accept the same tokens.
            .UseFakeClock(new FakeTimeProvider(DateTimeOffset.UtcNow))));
    }

    /// <summary>A customer with a shipping and a billing address users knows, and a card payment knows.</summary>
    public async Task<Buyer> NewBuyerAsync(Guid? tenantId = null, string card = "4242424242424242")
    {
        var tenant = tenantId ?? Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        var token = Identity.Token(tenant, userId, ["customer"], TokenTime, lifetime: TimeSpan.FromDays(2));
        var buyer = new Buyer(tenant, userId, token, Guid.CreateVersion7(), Guid.CreateVersion7(), "");
        Buyers[(tenant, userId)] = (buyer.ShippingAddressId, buyer.BillingAddressId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payment-methods")
        {
            Content = JsonContent.Create(new { number = card, expMonth = 12, expYear = 2035, cvc = "123", holderName = "Test Buyer" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Payment.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var method = await response.Content.ReadFromJsonAsync<JsonElement>();
        return buyer with { PaymentToken = method.GetProperty("token").GetString()! };
    }

    public string StaffToken(Guid tenantId, string role = "support") =>
        Identity.Token(tenantId, Guid.CreateVersion7(), [role], TokenTime, lifetime: TimeSpan.FromDays(2));

    /// <summary>
    /// Tokens are issued at the earlier of the real time (payment's and inventory's clock) and ordering's fake clock: that
    /// one stands still unless a test advances it, and a token issued at the real time would be "not yet valid" to
    /// ordering once a class has run longer than the 30 s clock skew (a loaded machine), every call a 401. Valid two days.
    /// </summary>
    DateTimeOffset TokenTime => Now < DateTimeOffset.UtcNow ? Now : DateTimeOffset.UtcNow;

    /// <summary>An active product at <paramref name="price"/> EUR with <paramref name="stock"/> units received at inventory.</summary>
    public async Task<Guid> NewProductAsync(Guid tenantId, decimal price, long stock, string status = "active")
    {
        var id = Guid.CreateVersion7();
        var sku = $"SKU-{id.ToString("N")[^10..].ToUpperInvariant()}";
        Products[(tenantId, id)] = new ProductLookupItem(id, sku, $"Product {sku}", new ProductPrice(price, "EUR"), status);
        if (stock > 0)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{sku}/receive")
            {
                Content = JsonContent.Create(new { quantity = stock, reason = "test stock" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken(tenantId, "admin"));
            using var response = await Inventory.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"receiving stock answered {(int)response.StatusCode}");
        }
        return id;
    }

    /// <summary>Publishes a shipping event on <c>shipping-events</c> from shipping's sidecar, as shipping's outbox sends it.</summary>
    public async Task PublishShippingEventAsync<T>(T shippingEvent) where T : IntegrationEvent =>
        await Started(_shipping).Dapr.PublishEventAsync(Components.PubSub, Topics.ShippingEvents, shippingEvent,
            new Dictionary<string, string> { ["cloudevent.type"] = typeof(T).Name });

    public string SkuOf(Guid tenantId, Guid productId) => Products[(tenantId, productId)].Sku;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_payment is not null) await _payment.DisposeAsync();
        if (_inventory is not null) await _inventory.DisposeAsync();
        if (_catalog is not null) await _catalog.DisposeAsync();
        if (_cart is not null) await _cart.DisposeAsync();
        if (_shipping is not null) await _shipping.DisposeAsync();
        if (_users is not null) await _users.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
        if (_dapr is not null) await _dapr.DisposeAsync();
        await Database.DisposeAsync();
        await PaymentDb.DisposeAsync();
        await InventoryDb.DisposeAsync();
    }
}

/// <summary>A shipment request as the shipping stand-in received it.</summary>
public sealed record ShipmentSeen(RequestShipmentRequest Request, bool Cancelled);

public sealed record Buyer(Guid TenantId, Guid UserId, string Token, Guid ShippingAddressId, Guid BillingAddressId, string PaymentToken);
