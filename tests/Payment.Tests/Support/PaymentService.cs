using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Payment.Providers.Simulator;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using Microsoft.Extensions.Logging;

namespace DaprShop.Payment.Tests.Support;

/// <summary>
/// payment as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// with a fake clock, the webhook secret in the secret store, identity's stand-in for tokens, and an <c>ordering</c>
/// sidecar (no app) through which the tests call the service routes as the saga will. Every log line the app writes,
/// at Debug and above, is kept in <see cref="Logs"/> (for the card-number scan). One per test class.
/// </summary>
public sealed class PaymentService : IAsyncLifetime
{
    public const string AppId = "payment";

    ServiceHost<Program>? _host;
    TestIdentity? _identity;
    AppSidecar? _ordering;
    AppSidecar? _intruder;

    public PostgresDatabase Database { get; } = new();

    public string WebhookSecret { get; } = TestSecrets.RandomBase64();

    public LogCapture Logs { get; } = new();

    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("payment did not start");
        }
    }

    public TestIdentity Identity => Started(_identity);

    public AppSidecar Ordering => Started(_ordering);

    /// <summary>An app payment does not name as a caller (reviews).</summary>
    public AppSidecar Intruder => Started(_intruder);

    T Started<T>(T? value) where T : class
    {
        _ = Host;
        return value!;
    }

    internal CardSimulator Simulator => Host.Services.GetRequiredService<CardSimulator>();

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public PaymentApi Api => new(this);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync(new Dictionary<string, string> { ["payment-webhook-secret"] = WebhookSecret },
            extraResources: [Path.Combine(AppContext.BaseDirectory, "Resources")]);
        try
        {
            _identity = await TestIdentity.StartAsync(dapr);
            _ordering = await dapr.Cluster.AddSidecarAsync("ordering");
            _intruder = await dapr.Cluster.AddSidecarAsync("reviews");
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("payment", Database.ConnectionString)
                .UseFakeClock()
                .ConfigureServices(s => s.AddLogging(b => b.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Debug))));
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    public TestCustomer NewCustomer(Guid? tenantId = null, params string[] roles)
    {
        var tenant = tenantId ?? Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        IReadOnlyList<string> r = roles.Length == 0 ? ["customer"] : roles;
        return new TestCustomer(tenant, userId, Identity.Token(tenant, userId, r, Now, lifetime: TimeSpan.FromDays(1)));
    }

    /// <summary>Events staged in the outbox for an order, by type (and operation, for succeeded/failed).</summary>
    public async Task<int> CountEventsAsync(string type, Guid orderId, string? operation = null) =>
        (int)await Database.ScalarAsync<long>(
            """select count(*) from outbox_messages where "EventType" = $1 and "Payload"->>'orderId' = $2 and ($3 = '' or "Payload"->>'operation' = $3)""",
            type, orderId.ToString(), operation ?? "");

    public async Task<int> CountPaymentsAsync(Guid orderId) =>
        (int)await Database.ScalarAsync<long>("select count(*) from payments where order_id = $1", orderId);

    public async Task<string> StateOfAsync(Guid orderId) =>
        await Database.ScalarAsync<string>("select state from payments where order_id = $1", orderId);

    public async Task<string> ProviderReferenceAsync(Guid orderId) =>
        await Database.ScalarAsync<string>("select provider_reference from payments where order_id = $1", orderId);

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

public sealed record TestCustomer(Guid TenantId, Guid UserId, string Token);

/// <summary>Every log line (message and exception) the app writes, kept for scanning.</summary>
public sealed class LogCapture : ILoggerProvider
{
    readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
        }
    }
}
