using DaprShop.Contracts;
using DaprShop.Contracts.Users;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;
using DaprShop.Users.Data;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Users.Tests.Support;

/// <summary>
/// users as it runs under <c>dapr run</c>: its real Program on a fresh PostgreSQL database beside a local sidecar,
/// with a fake clock; identity is the <see cref="TestIdentity"/> stand-in on the same cluster (JWKS for the service's
/// token validation, tokens for the tests, and the publisher of user events). One per test class; tests isolate
/// themselves with their own tenants and users.
/// </summary>
public sealed class UsersService : IAsyncLifetime
{
    public const string AppId = "users";

    ServiceHost<Program>? _host;
    TestIdentity? _identity;

    public PostgresDatabase Database { get; } = new();

    /// <summary>The identity stand-in advertises its JWKS address as real identity (OpenIddict) does.</summary>
    public bool JwksUriFromRequestHost { get; init; }

    /// <summary>The running service; skips the test (with the reason) when there is no PostgreSQL.</summary>
    public ServiceHost<Program> Host
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _host ?? throw new InvalidOperationException("users did not start");
        }
    }

    public TestIdentity Identity
    {
        get
        {
            _ = Database.ConnectionString; // skips when no server
            return _identity ?? throw new InvalidOperationException("users did not start");
        }
    }

    public DateTimeOffset Now => Host.Clock!.GetUtcNow();

    public UsersApi Api => new(Host.Client);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        var dapr = await TestDapr.StartAsync();
        try
        {
            _identity = await TestIdentity.StartAsync(dapr, JwksUriFromRequestHost);
            _host = await ServiceHost.StartAsync<Program>(dapr, AppId, o => o
                .ConnectionString("users", Database.ConnectionString)
                .UseFakeClock());
        }
        catch
        {
            if (_identity is not null) await _identity.DisposeAsync();
            await dapr.DisposeAsync();
            throw;
        }
    }

    /// <summary>A token for a user who is not (yet) registered with users.</summary>
    public string TokenFor(Guid tenantId, Guid userId, params string[] roles) =>
        Identity.Token(tenantId, userId, roles.Length == 0 ? ["customer"] : roles, Now);

    /// <summary>Publishes identity's UserRegistered for a new user of <paramref name="tenantId"/> and waits until users has the profile.</summary>
    public async Task<TestUser> RegisterAsync(Guid tenantId, params string[] roles)
    {
        var user = NewUser(tenantId, roles);
        await PublishAsync(user.Registered());
        await WaitForProfileAsync(user);
        return user;
    }

    public TestUser NewUser(Guid tenantId, params string[] roles)
    {
        var userId = Guid.CreateVersion7();
        var email = $"user-{userId:N}@example.test";
        IReadOnlyList<string> r = roles.Length == 0 ? ["customer"] : roles;
        return new TestUser(tenantId, userId, email, r, Identity.Token(tenantId, userId, r, Now, email));
    }

    public Task PublishAsync<TEvent>(TEvent @event) where TEvent : IntegrationEvent =>
        Identity.PublishAsync(Topics.UserEvents, @event.EventType, @event.EventId, @event);

    public Task WaitForProfileAsync(TestUser user) =>
        Testing.Eventually.TrueAsync(async () => await CountProfilesAsync(user.UserId) == 1, $"the profile of {user.Email} was created");

    /// <summary>Profiles of a user in any tenant (past the tenant filter, to prove what was or was not written).</summary>
    public async Task<int> CountProfilesAsync(Guid userId) =>
        (int)await Database.ScalarAsync<long>("select count(*) from profiles where user_id = $1", userId);

    /// <summary>Default addresses of a user and type, straight from the table.</summary>
    public async Task<int> CountDefaultsAsync(Guid userId, string type) =>
        (int)await Database.ScalarAsync<long>("select count(*) from addresses where user_id = $1 and type = $2 and is_default", userId, type);

    public async Task<int> CountAddressesAsync(Guid userId) =>
        (int)await Database.ScalarAsync<long>("select count(*) from addresses where user_id = $1", userId);

    internal Task<T> InDbAsync<T>(Guid tenantId, Func<UsersDb, Task<T>> read) => Host.InScopeAsync(sp =>
    {
        sp.GetRequiredService<DaprShop.ServiceDefaults.Tenancy.ITenantContext>().Set(tenantId);
        return read(sp.GetRequiredService<UsersDb>());
    });

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

/// <summary>A user identity knows about: their ids, email, roles and an access token for users.</summary>
public sealed record TestUser(Guid TenantId, Guid UserId, string Email, IReadOnlyList<string> Roles, string Token)
{
    public UserRegistered Registered() =>
        new(UserId, Email, Roles) { TenantId = TenantId, CorrelationId = "test-" + Guid.NewGuid().ToString("N")[..8], OccurredAt = DateTimeOffset.UtcNow };
}
