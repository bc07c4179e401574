using DaprShop.LocalSidecar.Cluster;
using DaprShop.Shipping.Carriers.Simulator;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;

namespace DaprShop.Shipping.Tests.Support;

/// <summary>
/// shipping as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// with a fake clock, the carrier webhook secret in the secret store, identity's stand-in for tokens, and an
/// <c>ordering</c> sidecar (no app) through which the tests call the service routes as the saga will, plus a
/// <c>reviews</c> sidecar shipping does not name as a caller. One per test class.
/// </summary>
public class ShippingService : IAsyncLifetime
{
    public const string AppId = "shipping";

    ServiceHost<Program>? _host;
    TestIdentity? _identity;
    AppSidecar? _ordering;
    AppSidecar? _intruder;

    public PostgresDatabase Database { get; } = new();

    public string WebhookSecret { get; } = TestSecrets.RandomBase64();

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("shipping did not start");
        }
    }

    public TestIdentity Identity => Started(_identity);

    public AppSidecar Ordering => Started(_ordering);

    /// <summary>An app shipping does not name as a caller.</summary>
    public AppSidecar Intruder => Started(_intruder);

    T Started<T>(T? value) where T : class
    {
        _ = Host;
        return value!;
    }

    internal CarrierSimulator Carrier => Host.Services.GetRequiredService<CarrierSimulator>();

    internal SimulatorWebhooks CarrierWebhooks => Host.Services.GetRequiredService<SimulatorWebhooks>();

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public ShippingApi Api => new(this);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync(new Dictionary<string, string> { ["shipping-webhook-secret"] = WebhookSecret },
            extraResources: [Path.Combine(AppContext.BaseDirectory, "Resources")]);
        try
        {
            _identity = await TestIdentity.StartAsync(dapr);
            _ordering = await dapr.Cluster.AddSidecarAsync("ordering");
            _intruder = await dapr.Cluster.AddSidecarAsync("reviews");
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("shipping", Database.ConnectionString)
                .UseFakeClock()
                .With(Configure));
            AimCarrierAtSimulator();
            // One shipment end to end before the first test: a cold app (JIT, EF model and query compilation) on a
            // loaded machine can take longer than the sidecar's timeout for its very first request.
            var warmUp = NewUser();
            using var response = await Api.RequestAsync(warmUp.TenantId, ShippingApi.NewRequest(warmUp));
            response.EnsureSuccessStatusCode();
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Points the <c>carrier</c> HTTP endpoint at the simulator shipping serves (its port is only known now), so every
    /// carrier call goes out through the sidecar and its resiliency policy, as under <c>make run</c>.
    /// </summary>
    void AimCarrierAtSimulator() => Host.Dapr.SetHttpEndpointBaseUrl("carrier", new Uri(Host.BaseAddress, "carrier-simulator/v1").ToString());

    /// <summary>
    /// Ends a carrier outage a test caused: the simulator answers again, and the sidecar forgets the carrier's circuit
    /// breaker the outage may have opened — as its 30 s timeout would — so the next test starts from a closed one.
    /// </summary>
    internal void CarrierBack()
    {
        Carrier.Down = false;
        Host.Dapr.Cluster.ResetInvocationBreakers();
    }

    /// <summary>Settings of a derived fixture (a faulty carrier), applied after the defaults.</summary>
    protected virtual void Configure(ServiceHostOptions options)
    {
    }

    public TestUser NewUser(Guid? tenantId = null, params string[] roles)
    {
        var tenant = tenantId ?? Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        IReadOnlyList<string> r = roles.Length == 0 ? ["customer"] : roles;
        return new TestUser(tenant, userId, Identity.Token(tenant, userId, r, Now, lifetime: TimeSpan.FromDays(1)));
    }

    /// <summary>Moves the app's clock (the carrier's tracking timers fire on it).</summary>
    public void Advance(TimeSpan by) => Host.Clock!.Advance(by);

    /// <summary>Events staged in the outbox for an order, by type.</summary>
    public async Task<int> CountEventsAsync(string type, Guid orderId) =>
        (int)await Database.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2""", type, orderId.ToString());

    public async Task<int> CountShipmentsAsync(Guid orderId) =>
        (int)await Database.ScalarAsync<long>("select count(*) from shipments where order_id = $1", orderId);

    public async Task<string> StatusOfAsync(Guid orderId) =>
        await Database.ScalarAsync<string>("select status from shipments where order_id = $1", orderId);

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            if (_identity is not null) await _identity.DisposeAsync();
            await _host.Dapr.DisposeAsync();
        }
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

internal static class HostOptionsExtensions
{
    public static ServiceHostOptions With(this ServiceHostOptions options, Action<ServiceHostOptions> configure)
    {
        configure(options);
        return options;
    }
}

public sealed record TestUser(Guid TenantId, Guid UserId, string Token);
