using System.Net;
using System.Text.Json;
using DaprShop.Identity.Tests.Support;
using DaprShop.Testing.Dapr;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

/// <summary>
/// Identity started with signing key A issues a token, then restarts with current = B, previous = A
/// (the secret store changes, as an operator rotates keys).
/// </summary>
public sealed class RotatedKeys : IAsyncLifetime
{
    public IdentityService Identity { get; } = new();
    public string KeyB { get; } = TestSecrets.RsaPrivateKeyPem();
    public string TokenSignedWithA { get; private set; } = "";
    public TestTenant Tenant { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Identity.InitializeAsync();
        if (!Identity.Database.IsAvailable) return;
        Tenant = await Identity.Api.CreateTenantAsync(ATenant());
        TokenSignedWithA = await Identity.Api.AdminTokenAsync(Tenant);

        Identity.Host.Dapr.SetSecret("identity-signing-previous", Identity.SigningKeyPem);
        Identity.Host.Dapr.SetSecret("identity-signing-current", KeyB);
        await Identity.Host.RestartAsync();
    }

    public ValueTask DisposeAsync() => Identity.DisposeAsync();
}

public sealed class KeyRotationTests(RotatedKeys rotation) : IClassFixture<RotatedKeys>
{
    IdentityApi Api => rotation.Identity.Api;

    static string Kid(string token) => Jwt.Header(token)["kid"]!.GetValue<string>();

    [Fact]
    public async Task The_jwks_publishes_the_current_and_the_previous_key()
    {
        var newToken = await Api.AdminTokenAsync(rotation.Tenant);

        using var response = await Api.JwksAsync();
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var kids = jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(Kid(rotation.TokenSignedWithA), kids);
        Assert.Contains(Kid(newToken), kids);
    }

    [Fact]
    public async Task New_tokens_are_signed_with_the_new_key()
    {
        var newToken = await Api.AdminTokenAsync(rotation.Tenant);

        Assert.NotEqual(Kid(rotation.TokenSignedWithA), Kid(newToken));
        using var response = await Api.SendAsync(HttpMethod.Get, AccessTokenTests.AdminApi, newToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_before_the_rotation_stays_valid_until_it_expires()
    {
        using (var validate = await Api.ValidateAsync(rotation.TokenSignedWithA))
            Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        using (var admin = await Api.SendAsync(HttpMethod.Get, AccessTokenTests.AdminApi, rotation.TokenSignedWithA))
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        rotation.Identity.Host.Clock!.Advance(TimeSpan.FromMinutes(16));

        using (var validate = await Api.ValidateAsync(rotation.TokenSignedWithA))
            Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
        using (var admin = await Api.SendAsync(HttpMethod.Get, AccessTokenTests.AdminApi, rotation.TokenSignedWithA))
            Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }
}
