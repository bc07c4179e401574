using DaprShop.Identity.Data;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace DaprShop.Identity.Tests.Support;

/// <summary>
/// Identity as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database, beside a local
/// sidecar whose secret store holds throwaway keys, with a fake clock the tests move. One per test class;
/// tests isolate themselves by creating their own tenants.
/// </summary>
public sealed class IdentityService : IAsyncLifetime
{
    public const string AppId = "identity";
    public const string ConnectionStringName = "identity";
    public const string PlatformAdminEmail = "platform-admin@daprshop.test";

    ServiceHost<Program>? _host;

    public PostgresDatabase Database { get; } = new();
    public string SigningKeyPem { get; } = TestSecrets.RsaPrivateKeyPem();
    public string PlatformAdminPassword { get; set; } = TestSecrets.Password();

    /// <summary>Secrets identity reads from the Dapr secret store at start-up.</summary>
    public Dictionary<string, string> Secrets => new()
    {
        ["identity-signing-current"] = SigningKeyPem,
        ["identity-token-encryption"] = EncryptionKey,
        ["identity-platform-admin-password"] = PlatformAdminPassword,
    };

    public string EncryptionKey { get; } = TestSecrets.RandomBase64(32);

    /// <summary>Settings of this identity beyond the common ones (e.g. tight rate limits for the tests of them).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Test apps that may subscribe to identity's events (added to the pubsub component's scopes).</summary>
    public string[] Subscribers { get; init; } = [];

    /// <summary>The running service; skips the test (with the reason) when there is no PostgreSQL.</summary>
    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("identity did not start");
        }
    }

    public IdentityApi Api => new(Host.Client, this);

    Guid? _platformTenantId;

    /// <summary>The platform tenant identity seeds at start-up (its admin creates the tenants tests use).</summary>
    public async Task<Guid> PlatformTenantIdAsync() => _platformTenantId ??= await Host.InScopeAsync(sp =>
        sp.GetRequiredService<IdentityDb>().Tenants.Where(t => t.IsPlatform).Select(t => t.Id).SingleAsync());

    /// <summary>Users with this email in any tenant (read past the tenant filter, to prove what was or was not written).</summary>
    public Task<int> CountUsersAsync(string email) => Host.InScopeAsync(sp =>
        sp.GetRequiredService<IdentityDb>().Users.IgnoreQueryFilters().CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    public Task<int> CountTenantsAsync() => Host.InScopeAsync(sp => sp.GetRequiredService<IdentityDb>().Tenants.CountAsync());

    /// <summary>Statuses of a user's refresh families (OpenIddict authorizations).</summary>
    public Task<List<string?>> AuthorizationStatusesAsync(Guid userId) => Host.InScopeAsync(sp =>
        sp.GetRequiredService<IdentityDb>().Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject == userId.ToString()).Select(a => a.Status).ToListAsync());

    /// <summary>The stored password hash of a user (to prove a refused change wrote nothing).</summary>
    public Task<string?> PasswordHashAsync(Guid userId) => Host.InScopeAsync(sp =>
        sp.GetRequiredService<IdentityDb>().Users.IgnoreQueryFilters().Where(u => u.Id == userId.ToString()).Select(u => u.PasswordHash).SingleAsync());

    /// <summary>Token rows (OpenIddict's store) of a user, by type (OpenIddict stores the RFC 8693 URNs, urn:ietf:params:oauth:token-type:access_token etc.) and optionally status.</summary>
    public Task<int> CountTokensAsync(Guid userId, string type, string? status = null) => Host.InScopeAsync(sp =>
        sp.GetRequiredService<IdentityDb>().Set<OpenIddictEntityFrameworkCoreToken>()
            .CountAsync(t => t.Subject == userId.ToString() && t.Type == type && (status == null || t.Status == status)));

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync(Secrets,
            alsoScopedTo: Subscribers.Length == 0 ? null : new Dictionary<string, string[]> { ["pubsub"] = Subscribers });
        try
        {
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, Configure);
        }
        catch
        {
            await dapr.DisposeAsync();
            throw;
        }
    }

    /// <summary>How every identity under test is configured; a test starting its own identity reuses it.</summary>
    public void Configure(ServiceHostOptions o)
    {
        o.ConnectionString(ConnectionStringName, Database.ConnectionString)
         .Setting("Identity:PlatformAdmin:Email", PlatformAdminEmail)
         // Every test signs in from 127.0.0.1, many times at once in the race tests: limits far above any test's use.
         .Setting("Identity:RateLimits:PerIp", "100000")
         .Setting("Identity:RateLimits:PerAccount", "100000")
         .UseFakeClock();
        foreach (var (key, value) in Settings) o.Setting(key, value);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            await _host.Dapr.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
