using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Hosting;

namespace DaprShop.Testing.Auth;

/// <summary>
/// Identity as a service under test sees it, without running identity: an app with app-id <c>identity</c> in the test
/// cluster serves the discovery document and the JWKS of a throwaway RSA key, and <see cref="Token"/> mints RS256
/// <c>at+jwt</c> access tokens with identity's claims (<c>sub</c>, <c>tid</c>, <c>role</c>). The service validates them
/// exactly as in production: it fetches the keys through its own sidecar by Dapr invocation and checks issuer,
/// audience, algorithm, type and lifetime (against the fake clock, when the test passes it here too).
/// Use it where a test is about a service's own rules; identity's tests cover how real tokens are issued.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string Issuer = "http://identity/";
    public const string Audience = "daprshop";

    static readonly string[] SigningAlgorithms = ["RS256"];
    readonly RSA _key = RSA.Create(2048);
    readonly TimeProvider _clock;
    SampleApp? _app;

    TestTokenIssuer(TimeProvider clock) => _clock = clock;

    public string KeyId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <param name="cluster">The cluster of the service under test.</param>
    /// <param name="clock">The service's clock (its fake clock), so tokens are current for it.</param>
    /// <param name="appId">The issuer's host, which is identity's app-id.</param>
    public static async Task<TestTokenIssuer> StartAsync(LocalDaprCluster cluster, TimeProvider? clock = null, string appId = "identity")
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var issuer = new TestTokenIssuer(clock ?? TimeProvider.System);
        issuer._app = await SampleApp.StartAsync(cluster, appId, endpoints: app =>
        {
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = Issuer + ".well-known/jwks",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            }));
            app.MapGet("/.well-known/jwks", () => Results.Json(issuer.Jwks()));
        }).ConfigureAwait(false);
        return issuer;
    }

    /// <summary>A current access token for <paramref name="tenantId"/> with <paramref name="roles"/> (a new subject each time).</summary>
    public string Token(Guid tenantId, params string[] roles) => Token(tenantId, Guid.CreateVersion7().ToString(), roles);

    public string Token(Guid? tenantId, string subject, IEnumerable<string> roles, TimeSpan? lifetime = null, string? audience = null)
    {
        var now = _clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = audience ?? Audience,
            ["sub"] = subject,
            ["role"] = roles.ToArray(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(15))).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (tenantId is { } tid) claims["tid"] = tid.ToString();
        return Sign(claims);
    }

    string Sign(Dictionary<string, object> claims)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = KeyId }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Encode(signature)}";
    }

    object Jwks()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Encode(p.Modulus!), e = Encode(p.Exponent!) } } };
    }

    static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }
}
