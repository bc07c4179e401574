using System.Net;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Dapr;

namespace DaprShop.Identity.Tests;

/// <summary>
/// The seeded platform admin's password follows the secret store (issue #7, defect 12): a new secret (a fresh
/// <c>.local/secrets.json</c>) takes effect at the next start; an unchanged secret leaves a password changed through
/// the API alone. Each test has an identity of its own, since both restart it.
/// </summary>
public sealed class PlatformAdminSeedTests : IAsyncLifetime
{
    readonly IdentityService _identity = new();
    IdentityApi Api => _identity.Api;

    public ValueTask InitializeAsync() => _identity.InitializeAsync();

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    Task<HttpResponseMessage> LoginAsync(string password) => _identity.PlatformTenantIdAsync()
        .ContinueWith(t => Api.LoginAsync(t.Result, IdentityService.PlatformAdminEmail, password)).Unwrap();

    [Fact]
    public async Task A_new_secret_becomes_the_platform_admins_password_at_the_next_start()
    {
        var old = _identity.PlatformAdminPassword;
        var fresh = TestSecrets.Password();
        _identity.Host.Dapr.SetSecret("identity-platform-admin-password", fresh);

        await _identity.Host.RestartAsync();

        using (var withFresh = await LoginAsync(fresh)) Assert.Equal(HttpStatusCode.OK, withFresh.StatusCode);
        using (var withOld = await LoginAsync(old)) Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
    }

    [Fact]
    public async Task A_password_changed_through_the_api_survives_a_restart_while_the_secret_is_unchanged()
    {
        var token = await Api.PlatformAdminTokenAsync();
        const string Changed = "Changed-by-the-admin-7!";
        using (var change = await Api.ChangePasswordAsync(token, _identity.PlatformAdminPassword, Changed))
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        await _identity.Host.RestartAsync();

        using var login = await LoginAsync(Changed);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
