using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace DaprShop.RealDapr.Tests;

/// <summary>
/// Identity under real daprd (<c>dapr run -f dapr.yaml</c>): the README's newcomer path, end to end — the platform
/// admin creates a tenant, a customer signs up and logs in, and the token is accepted by an authenticated endpoint.
/// </summary>
public sealed partial class IdentityThroughRealDaprTests(DaprRunFixture dapr) : IClassFixture<DaprRunFixture>
{
    const string Password = "Correct-horse-9!";

    [Fact]
    public async Task Identity_reports_ready_through_its_app_port()
    {
        dapr.SkipUnlessAvailable();

        using var response = await dapr.Identity.GetAsync("readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_signs_up_logs_in_and_is_recognised_by_token()
    {
        dapr.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        var admin = await LoginAsync(await PlatformTenantIdAsync(ct), PlatformAdminEmail(), PlatformAdminPassword(), ct);

        using var createTenant = new HttpRequestMessage(HttpMethod.Post, "api/v1/tenants")
        {
            Headers = { Authorization = new("Bearer", admin) },
            Content = JsonContent.Create(new { name = $"tier3-{Guid.NewGuid():N}", settings = new { selfSignUpEnabled = true } }),
        };
        using var created = await dapr.Identity.SendAsync(createTenant, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenantId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var email = $"tier3-{Guid.NewGuid():N}@example.test";
        using var signUp = await dapr.Identity.PostAsJsonAsync("api/v1/auth/signup", new { tenantId, email, password = Password }, ct);
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);

        var token = await LoginAsync(tenantId, email, Password, ct);

        using var validate = new HttpRequestMessage(HttpMethod.Get, "api/v1/auth/validate") { Headers = { Authorization = new("Bearer", token) } };
        using var validated = await dapr.Identity.SendAsync(validate, ct);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        var claims = await validated.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(tenantId.ToString(), claims.GetProperty("tid").GetString());
    }

    async Task<string> LoginAsync(Guid tenantId, string email, string password, CancellationToken ct)
    {
        using var response = await dapr.Identity.PostAsJsonAsync("api/v1/auth/login", new { tenantId, email, password }, ct);
        Assert.True(response.IsSuccessStatusCode, $"login of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
    }

    // What `make run` configured: the admin's email in dapr.yaml, the password in the generated .local/secrets.json.
    static string PlatformAdminEmail() =>
        AdminEmailInRunFile().Match(File.ReadAllText(Path.Combine(DaprRunFixture.RepositoryRoot(), "dapr.yaml"))).Groups["email"].Value;

    static string PlatformAdminPassword()
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(DaprRunFixture.RepositoryRoot(), ".local", "secrets.json")));
        return secrets.RootElement.GetProperty("identity-platform-admin-password").GetString()!;
    }

    // Identity offers no HTTP way to learn the platform tenant's id yet, so read it where identity keeps it.
    static async Task<Guid> PlatformTenantIdAsync(CancellationToken ct)
    {
        var runFile = File.ReadAllText(Path.Combine(DaprRunFixture.RepositoryRoot(), "dapr.yaml"));
        await using var connection = new NpgsqlConnection(IdentityConnectionString().Match(runFile).Groups["cs"].Value);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("select \"Id\" from \"Tenants\" where \"IsPlatform\"", connection);
        return (Guid)(await query.ExecuteScalarAsync(ct))!;
    }

    [GeneratedRegex("Identity__PlatformAdmin__Email:\\s*\"(?<email>[^\"]+)\"")]
    private static partial Regex AdminEmailInRunFile();

    [GeneratedRegex("ConnectionStrings__identity:\\s*\"(?<cs>[^\"]+)\"")]
    private static partial Regex IdentityConnectionString();
}
