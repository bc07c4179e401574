using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Users;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Mail;
using DaprShop.Testing.Postgres;

namespace DaprShop.Notifications.Tests.Support;

/// <summary>
/// notifications as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local
/// sidecar, with a fake clock; the repository's <c>email</c> SMTP binding aimed at a real SMTP server in the test
/// (<see cref="MailCatcher"/>), the <c>sms</c> and <c>customer-webhooks</c> HTTP bindings at an <see cref="HttpRecorder"/>;
/// identity's stand-in for tokens and as the publisher of the events. One per test class; tests use their own tenants.
/// </summary>
public sealed class NotificationsService : IAsyncLifetime
{
    public const string AppId = "notifications";
    public const int MaxAttempts = 3;

    ServiceHost<Program>? _host;
    TestIdentity? _identity;
    MailCatcher? _mail;
    HttpRecorder? _http;

    public PostgresDatabase Database { get; } = new();

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("notifications did not start");
        }
    }

    public TestIdentity Identity => Started(_identity);

    public MailCatcher Mail => Started(_mail);

    public HttpRecorder Http => Started(_http);

    T Started<T>(T? value) where T : class
    {
        _ = Host;
        return value!;
    }

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public NotificationsApi Api => new(this);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        _mail = await MailCatcher.StartAsync();
        _http = await HttpRecorder.StartAsync();
        var dapr = await TestDapr.StartAsync();
        try
        {
            dapr.PointMailAt("email", _mail);
            dapr.SetComponentMetadata("sms", new Dictionary<string, string> { ["url"] = new Uri(_http.Url, "sms").ToString() });
            dapr.SetComponentMetadata("customer-webhooks", new Dictionary<string, string> { ["url"] = new Uri(_http.Url, "webhooks").ToString() });
            _identity = await TestIdentity.StartAsync(dapr);
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("notifications", Database.ConnectionString)
                .Setting("Notifications:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Setting("Notifications:RetryFirstSeconds", "10")
                .Setting("Notifications:RetryMaxSeconds", "60")
                .UseFakeClock());
            // One welcome end to end before the first test: a cold app (JIT, EF model) can be slow on its very first event.
            var warmUp = NewUser(Guid.CreateVersion7());
            await PublishAsync(Topics.UserEvents, Stamp(new UserRegistered(warmUp.UserId, warmUp.Email, ["customer"]), warmUp.TenantId));
            // The first event meets a cold app (and the broker's redelivery back-off if its first delivery was too early).
            await Mail.WaitForAsync(warmUp.Email, timeout: TimeSpan.FromSeconds(120));
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    public TestUser NewUser(Guid tenantId, params string[] roles)
    {
        var userId = Guid.CreateVersion7();
        IReadOnlyList<string> r = roles.Length == 0 ? ["customer"] : roles;
        return new TestUser(tenantId, userId, $"user-{userId:N}@example.test", Identity.Token(tenantId, userId, r, Now, lifetime: TimeSpan.FromDays(1)));
    }

    public TestUser NewAdmin(Guid tenantId) => NewUser(tenantId, "admin");

    /// <summary>Stamps an event as the outbox does: tenant, correlation id, time (the app's clock).</summary>
    public T Stamp<T>(T e, Guid tenantId) where T : IntegrationEvent =>
        e with { TenantId = tenantId, CorrelationId = "test-" + Guid.NewGuid().ToString("N")[..8], OccurredAt = Now };

    public Task PublishAsync<T>(string topic, T e) where T : IntegrationEvent =>
        Identity.PublishAsync(topic, e.EventType, e.EventId, e, TestContext.Current.CancellationToken);

    /// <summary>identity's UserRegistered for <paramref name="user"/>, and waits for its welcome mail.</summary>
    public async Task RegisterAsync(TestUser user, bool waitForWelcome = true)
    {
        await PublishAsync(Topics.UserEvents, Stamp(new UserRegistered(user.UserId, user.Email, ["customer"]), user.TenantId));
        if (waitForWelcome) await Mail.WaitForAsync(user.Email);
        else await Testing.Eventually.TrueAsync(async () => await CountAsync(
            "select count(*) from delivery_attempts a join messages m on m.id = a.message_id where m.user_id = $1", user.UserId) >= 1,
            "the welcome's first send was tried");
    }

    /// <summary>ordering's OrderCreated for a new order of <paramref name="user"/>.</summary>
    public async Task<(Guid OrderId, string Number)> CreateOrderAsync(TestUser user)
    {
        var orderId = Guid.CreateVersion7();
        var number = $"DS-2026-{Random.Shared.Next(100000, 999999)}";
        await PublishAsync(Topics.OrderEvents, Stamp(new OrderCreated(orderId, number, user.UserId, [new OrderedLine(Guid.CreateVersion7(), 1)]), user.TenantId));
        await Testing.Eventually.TrueAsync(async () => await CountAsync("select count(*) from orders where order_id = $1", orderId) == 1, "the order was remembered");
        return (orderId, number);
    }

    public async Task<long> CountAsync(string sql, params object[] args) => await Database.ScalarAsync<long>(sql, args);

    public Task<long> MessagesForEventAsync(Guid eventId) => CountAsync("select count(*) from messages where event_id = $1", eventId);

    /// <summary>Moves the app's clock and fires the retry sweep, as the cron binding would.</summary>
    public async Task SweepAsync(TimeSpan? advance = null)
    {
        if (advance is { } by) Host.Clock!.Advance(by);
        await Host.Cluster.Bindings.FireAsync("notification-dispatch", AppId, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            if (_identity is not null) await _identity.DisposeAsync();
            await _host.Dapr.DisposeAsync();
        }
        if (_mail is not null) await _mail.DisposeAsync();
        if (_http is not null) await _http.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed record TestUser(Guid TenantId, Guid UserId, string Email, string Token);
