using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;

namespace DaprShop.Testing.Auth;

/// <summary>
/// Identity as the other services see it, for their tier-2 tests: a sample app with app-id <c>identity</c> on the test
/// cluster serving the two documents every service's JWT validation fetches through Dapr invocation
/// (<c>/.well-known/openid-configuration</c>, <c>/.well-known/jwks</c>), and access tokens shaped like identity's —
/// RS256, <c>typ: at+jwt</c>, issuer <c>http://identity/</c>, audience <c>daprshop</c>, claims <c>sub</c>, <c>tid</c>,
/// <c>email</c>, <c>role</c> — signed with its key. The service under test validates them with its real, unchanged
/// authentication setup. Being app <c>identity</c>, it may also publish what identity publishes (user events).
/// Tests of identity itself run the real identity instead.
/// </summary>
public sealed class TestIdentity : IAsyncDisposable
{
    public const string AppId = "identity";
    public const string Issuer = "http://identity/";
    public const string Audience = "daprshop";

    static readonly string[] SigningAlgorithms = ["RS256"];

    readonly RSA _key = RSA.Create(2048);
    readonly string _keyId = "test-" + Guid.NewGuid().ToString("N")[..8];
    SampleApp? _app;

    TestIdentity()
    {
    }

    public SampleApp App => _app ?? throw new InvalidOperationException("not started");

    /// <summary>Starts the stand-in beside its own sidecar on <paramref name="dapr"/>'s cluster.</summary>
    /// <param name="dapr">The test cluster.</param>
    /// <param name="jwksUriFromRequestHost">
    /// Advertise <c>jwks_uri</c> as OpenIddict (real identity) does: on the host the discovery request arrived at
    /// (<c>http://127.0.0.1:{port}/.well-known/jwks</c> through a sidecar), not under the issuer.
    /// </param>
    public static async Task<TestIdentity> StartAsync(TestDapr dapr, bool jwksUriFromRequestHost = false)
    {
        ArgumentNullException.ThrowIfNull(dapr);
        var identity = new TestIdentity();
        identity._app = await SampleApp.StartAsync(dapr.Cluster, AppId, endpoints: web =>
        {
            web.MapGet("/.well-known/openid-configuration", (HttpRequest request) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = (jwksUriFromRequestHost ? $"{request.Scheme}://{request.Host}/" : Issuer) + ".well-known/jwks",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            }));
            web.MapGet("/.well-known/jwks", () => Results.Json(new { keys = new[] { identity.PublicJwk() } }));
        }).ConfigureAwait(false);
        return identity;
    }

    /// <summary>
    /// An access token as identity issues it to <paramref name="userId"/> of <paramref name="tenantId"/>, valid from
    /// <paramref name="now"/> (pass the service's clock, <c>Host.Clock.GetUtcNow()</c>) for <paramref name="lifetime"/>
    /// (default 15 minutes).
    /// </summary>
    public string Token(Guid tenantId, Guid userId, IEnumerable<string> roles, DateTimeOffset now, string? email = null, TimeSpan? lifetime = null) =>
        Sign(Claims(tenantId, userId, roles, now, email, lifetime), _key, _keyId);

    /// <summary>The claims <see cref="Token"/> signs, for a test that wants to change one before signing with <see cref="Sign(JsonObject)"/>.</summary>
    public static JsonObject Claims(Guid tenantId, Guid userId, IEnumerable<string> roles, DateTimeOffset now, string? email = null, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var issuedAt = now.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = userId.ToString(),
            ["tid"] = tenantId.ToString(),
            ["email"] = email ?? $"user-{userId:N}@example.test",
            ["role"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]),
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = issuedAt,
            ["nbf"] = issuedAt,
            ["exp"] = (now + (lifetime ?? TimeSpan.FromMinutes(15))).ToUnixTimeSeconds(),
        };
    }

    /// <summary>Any claims, signed with the stand-in's key (a validly signed token saying whatever the test wants).</summary>
    public string Sign(JsonObject claims) => Sign(claims, _key, _keyId);

    /// <summary>The same claims signed by a key identity never had, under identity's key id.</summary>
    public string SignWithForeignKey(JsonObject claims)
    {
        using var foreign = RSA.Create(2048);
        return Sign(claims, foreign, _keyId);
    }

    /// <summary>
    /// Publishes an event to <paramref name="topic"/> through this app's sidecar the way identity's outbox relay does:
    /// JSON body, CloudEvent <c>type</c> = <paramref name="eventType"/>, CloudEvent <c>id</c> = <paramref name="eventId"/>.
    /// </summary>
    public Task PublishAsync(string topic, string eventType, Guid eventId, object payload, CancellationToken ct = default) =>
        App.Dapr.PublishByteEventAsync("pubsub", topic, JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), JsonSerializerOptions.Web),
            "application/json", new Dictionary<string, string> { ["cloudevent.type"] = eventType, ["cloudevent.id"] = eventId.ToString() }, ct);

    object PublicJwk()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = _keyId, n = Base64Url.EncodeToString(p.Modulus), e = Base64Url.EncodeToString(p.Exponent) };
    }

    static string Sign(JsonObject claims, RSA key, string keyId)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "at+jwt" };
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    static string Encode(JsonNode part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToJsonString()));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }
}
