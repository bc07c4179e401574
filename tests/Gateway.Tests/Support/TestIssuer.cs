using System.Security.Cryptography;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>
/// A stand-in for identity under app id <c>identity</c>: it publishes OIDC discovery and a JWKS exactly where the
/// services look for them (<c>http://identity/.well-known/...</c> through Dapr invocation), and the test mints
/// access tokens in identity's shape (RS256, <c>typ: at+jwt</c>, issuer <c>http://identity/</c>, audience
/// <c>daprshop</c>, <c>sub</c>, <c>tid</c>, <c>role</c>) for any tenant and user at once, on the test's clock.
/// Its <c>/api/v1/...</c> routes echo like any <see cref="SampleService"/>, standing in for identity's auth routes.
/// A login whose body carries a <c>password</c> is checked like identity's: <see cref="Password"/> is 200 with an access
/// token, anything else identity's 401 problem; a login without one is echoed too.
/// <c>IdentityThroughGatewayTests</c> checks the same gateway behaviour with the real identity.
/// </summary>
public sealed class TestIssuer : SampleService
{
    public const string Issuer = "http://identity/";
    public const string Audience = "daprshop";
    public const string Password = "the right password";

    readonly RSA _rsa = RSA.Create(2048);
    readonly TimeProvider _clock;
    readonly RsaSecurityKey _key;

    TestIssuer(TimeProvider clock) : base("identity")
    {
        _clock = clock;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..8] };
    }

    public static async Task<TestIssuer> StartAsync(LocalDaprCluster cluster, TimeProvider clock)
    {
        var issuer = new TestIssuer(clock);
        await issuer.StartAppAsync(cluster);
        return issuer;
    }

    /// <summary>An access token for a user of a tenant, valid from now (on the test clock) for <paramref name="lifetime"/>.</summary>
    public string Token(Guid tenantId, Guid userId, TimeSpan? lifetime = null, params string[] roles) =>
        Sign(_key, tenantId, userId, lifetime ?? TimeSpan.FromMinutes(15), roles.Length == 0 ? ["customer"] : roles);

    /// <summary>The same claims signed by a key the issuer never published.</summary>
    public string ForeignToken(Guid tenantId, Guid userId) =>
        Sign(new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId }, tenantId, userId, TimeSpan.FromMinutes(15), ["customer"]);

    string Sign(SecurityKey key, Guid tenantId, Guid userId, TimeSpan lifetime, string[] roles)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(),
                ["tid"] = tenantId.ToString(),
                ["role"] = roles,
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    protected override void MapExtraEndpoints(WebApplication web)
    {
        web.MapPost("/api/v1/auth/login", async (HttpContext http) =>
        {
            http.Request.EnableBuffering();
            string? password = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("password", out var p))
                    password = p.GetString();
            }
            catch (JsonException)
            {
                // not a login body: echoed below
            }
            http.Request.Body.Position = 0;
            if (password is null) return await EchoAsync(http);
            return password == Password
                ? Results.Json(new { access_token = Token(Guid.CreateVersion7(), Guid.CreateVersion7()) })
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials",
                    type: "https://daprshop.dev/problems/invalid-credentials");
        });
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + ".well-known/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        web.MapGet("/.well-known/jwks", () =>
        {
            var p = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) },
                },
            });
        });
    }
}
