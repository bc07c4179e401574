using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Testing;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;

namespace DaprShop.Reviews.Tests.Support;

/// <summary>
/// reviews as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// with a fake clock and identity's stand-in for tokens, whose sidecar also publishes the <c>OrderDelivered</c> events
/// ordering would. One per test class; tests isolate themselves with their own tenants and users.
/// </summary>
public class ReviewsService : IAsyncLifetime
{
    public const string AppId = "reviews";

    ServiceHost<Program>? _host;
    TestIdentity? _identity;

    public PostgresDatabase Database { get; } = new();

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("reviews did not start");
        }
    }

    public TestIdentity Identity
    {
        get
        {
            _ = Host;
            return _identity!;
        }
    }

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public ReviewsClient Api => new(this);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync();
        try
        {
            _identity = await TestIdentity.StartAsync(dapr);
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("reviews", Database.ConnectionString)
                .UseFakeClock()
                .With(Configure));
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settings of a derived fixture (auto-approval off), applied after the defaults.</summary>
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

    public TestUser NewAdmin(Guid tenantId) => NewUser(tenantId, "admin");

    /// <summary>An <c>OrderDelivered</c> of <paramref name="customer"/> for these products, as ordering stamps it.</summary>
    public static OrderDelivered Delivered(TestUser customer, params Guid[] productIds) =>
        new(Guid.CreateVersion7(), "DS-2030-000001", customer.UserId, [.. productIds.Select(p => new OrderedLine(p, 1))],
            new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))
        {
            TenantId = customer.TenantId,
            CorrelationId = "reviews-tests",
            OccurredAt = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero),
        };

    public Task PublishAsync<TEvent>(TEvent @event) where TEvent : IntegrationEvent =>
        Identity.PublishAsync(Topics.OrderEvents, @event.EventType, @event.EventId, @event, TestContext.Current.CancellationToken);

    /// <summary>Makes <paramref name="customer"/> a verified purchaser of the products, through the event, and waits for it.</summary>
    public async Task DeliverAsync(TestUser customer, params Guid[] productIds)
    {
        await PublishAsync(Delivered(customer, productIds));
        var products = productIds.Distinct().ToArray();
        await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>(
                "select count(*) from purchases where tenant_id = $1 and customer_id = $2 and product_id = any($3)",
                customer.TenantId, customer.UserId, products) == products.Length,
            "the delivered products became purchases");
    }

    /// <summary>Purchases of a customer in any tenant (past the tenant filter).</summary>
    public async Task<int> CountPurchasesAsync(Guid customerId) =>
        (int)await Database.ScalarAsync<long>("select count(*) from purchases where customer_id = $1", customerId);

    /// <summary>Outbox rows of a type about a product.</summary>
    public async Task<int> CountEventsAsync(string type, Guid productId) =>
        (int)await Database.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'productId' = $2""", type, productId.ToString());

    /// <summary>The newest <c>ProductRatingChanged</c> payload of a product.</summary>
    public Task<string> LatestRatingEventAsync(Guid productId) =>
        Database.ScalarAsync<string>(
            """select "Payload"::text from outbox_messages where "EventType" = 'ProductRatingChanged' and "Payload"->>'productId' = $1 order by ("Payload"->>'version')::bigint desc limit 1""",
            productId.ToString());

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

/// <summary>Every review waits for an admin (Reviews:AutoApprove=false).</summary>
public sealed class QueueAllReviewsService : ReviewsService
{
    protected override void Configure(ServiceHostOptions options) => options.Setting("Reviews:AutoApprove", "false");
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
