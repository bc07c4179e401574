extern alias IdentityApp;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Http;
using DaprShop.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.Gateway.Tests;

/// <summary>
/// The real identity behind the gateway, on PostgreSQL, in one local-sidecar cluster with the gateway and a sample
/// catalog: a client signs up and logs in through the gateway, and the token identity issued opens the gateway's
/// protected routes. This is what proves <see cref="TestIssuer"/>'s tokens are shaped like identity's.
/// </summary>
public sealed class RealIdentityCluster : IAsyncLifetime
{
    public const string PlatformAdminEmail = "platform-admin@daprshop.test";
    public static readonly Guid PlatformTenant = Guid.Parse("01930000-0000-7000-8000-000000000001");

    ServiceHost<IdentityApp::Program>? _identity;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    public PostgresDatabase Database { get; } = new();
    public string PlatformAdminPassword { get; } = TestSecrets.Password();
    public TestDapr Dapr { get; private set; } = null!;
    public SampleService Catalog { get; private set; } = null!;
    public ServiceHost<Program> Gateway { get; private set; } = null!;

    /// <summary>The gateway as a client calls it; skips the test (with the reason) when there is no PostgreSQL.</summary>
    public GatewayClient Client
    {
        get
        {
            _ = Database.ConnectionString;
            return new GatewayClient(Gateway.Client);
        }
    }

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (!Database.IsAvailable) return;
        Dapr = await TestDapr.StartAsync(new Dictionary<string, string>
        {
            ["identity-signing-current"] = TestSecrets.RsaPrivateKeyPem(),
            ["identity-token-encryption"] = TestSecrets.RandomBase64(32),
            ["identity-platform-admin-password"] = PlatformAdminPassword,
        });
        _identity = await ServiceHost.StartAsync<IdentityApp::Program>(Dapr, "identity", o => o
            .ConnectionString("identity", Database.ConnectionString)
            .Setting("Identity:PlatformAdmin:Email", PlatformAdminEmail)
            .UseFakeClock(Clock));
        Catalog = await SampleService.StartAsync(Dapr.Cluster, "catalog");
        Gateway = await ServiceHost.StartAsync<Program>(Dapr, GatewayCluster.AppId, o => GatewayCluster.Unlimited(o).UseFakeClock(Clock));
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Catalog is not null) await Catalog.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
        if (Dapr is not null) await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class IdentityThroughGatewayTests(RealIdentityCluster cluster) : IClassFixture<RealIdentityCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<string> LoginAsync(Guid tenant, string email, string password)
    {
        var response = await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login", body: new { tenantId = tenant, email, password }, ct: Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()!;
    }

    /// <summary>A tenant that allows sign-up, created by the platform admin through the gateway.</summary>
    async Task<Guid> NewOpenTenantAsync()
    {
        var admin = await LoginAsync(RealIdentityCluster.PlatformTenant, RealIdentityCluster.PlatformAdminEmail, cluster.PlatformAdminPassword);
        var created = await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/tenants", admin,
            new { name = "shop-" + Guid.NewGuid().ToString("N")[..10], settings = new { selfSignUpEnabled = true } }, ct: Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create tenant: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(Ct)}");
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_customer_signs_up_and_logs_in_through_the_gateway_and_its_token_opens_the_other_services()
    {
        var tenant = await NewOpenTenantAsync();
        var email = $"ann-{Guid.NewGuid():N}@example.test";

        var signUp = await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/signup", body: new { tenantId = tenant, email, password = "Ann-Passw0rd!" }, ct: Ct);
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var token = await LoginAsync(tenant, email, "Ann-Passw0rd!");

        var echo = await GatewayClient.EchoOfAsync(await cluster.Client.GetAsync("/api/v1/catalog/products", token, ct: Ct));
        Assert.Equal("Bearer " + token, echo.Header("Authorization"));
        var validated = await cluster.Client.GetAsync("/api/v1/identity/auth/validate", token, ct: Ct);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal(tenant.ToString(), (await validated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("tid").GetString());
    }

    [Fact]
    public async Task Identitys_token_with_another_tenants_header_is_403_at_the_gateway()
    {
        var token = await LoginAsync(RealIdentityCluster.PlatformTenant, RealIdentityCluster.PlatformAdminEmail, cluster.PlatformAdminPassword);

        var response = await cluster.Client.GetAsync("/api/v1/catalog/products", token, h => h.Add("X-Tenant-ID", Guid.CreateVersion7().ToString()), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "https://daprshop.dev/problems/tenant-mismatch");
    }

    [Fact]
    public async Task Identitys_refused_login_comes_back_through_the_gateway_as_its_401_problem()
    {
        var response = await cluster.Client.SendAsync(HttpMethod.Post, "/api/v1/identity/auth/login",
            body: new { tenantId = RealIdentityCluster.PlatformTenant, email = RealIdentityCluster.PlatformAdminEmail, password = "wrong-Passw0rd!" }, ct: Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Identitys_keys_are_published_at_the_gateway()
    {
        var jwks = await cluster.Client.GetAsync("/.well-known/jwks", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.NotEmpty((await jwks.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task The_api_page_serves_identitys_real_document_on_the_gateways_paths()
    {
        var response = await cluster.Client.GetAsync("/openapi/identity.json", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/identity/auth/login", paths);
        Assert.Contains("/api/v1/identity/users/{id}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/identity/", p, StringComparison.Ordinal));
    }
}
