using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DaprShop.Scenario.Tests.Support;

/// <summary>Someone signed in: their tenant, user id and access token.</summary>
public sealed record Caller(Guid Tenant, Guid UserId, string Email, string Token);

/// <summary>A tenant the platform admin opened for a test, with its admin signed in.</summary>
public sealed record TestTenant(Guid Id, Caller Admin);

/// <summary>The gateway as a client calls it: JSON in and out, a bearer token, the paths of docs/api-conventions.md.</summary>
public sealed class ShopClient(HttpClient http, Shop shop)
{
    public const string Password = "Sh0pper-Passw0rd!";
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null,
        Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            // A declared length, as most clients send: the gateway can then refuse a body too large before reading it.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        headers?.Invoke(request.Headers);
        return await http.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, Action<HttpRequestHeaders>? headers = null) =>
        SendAsync(HttpMethod.Get, path, token, headers: headers);

    /// <summary>Sends and expects <paramref name="status"/>; answers the JSON body (or an empty object).</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, string? token = null, object? body = null,
        Action<HttpRequestHeaders>? headers = null)
    {
        var response = await SendAsync(method, path, token, body, headers);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> LoginAsync(Guid tenant, string email, string password)
    {
        var tokens = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/identity/auth/login", body: new { tenantId = tenant, email, password });
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>A new tenant that allows self sign-up, with an admin, created by the platform admin through the gateway.</summary>
    public async Task<TestTenant> NewTenantAsync()
    {
        var platform = await LoginAsync(shop.PlatformTenant, Shop.PlatformAdminEmail, shop.PlatformAdminPassword);
        var adminEmail = $"admin-{Guid.NewGuid():N}@shop.test";
        var created = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/identity/tenants", platform, new
        {
            name = "shop-" + Guid.NewGuid().ToString("N")[..12],
            settings = new { selfSignUpEnabled = true },
            admin = new { email = adminEmail, password = Password },
        });
        var id = created.GetProperty("id").GetGuid();
        return new TestTenant(id, await CallerAsync(id, adminEmail));
    }

    /// <summary>A customer who signed up through the gateway and logged in.</summary>
    public async Task<Caller> SignUpAsync(Guid tenant, string? email = null)
    {
        email ??= $"shopper-{Guid.NewGuid():N}@shop.test";
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/identity/auth/signup", body: new { tenantId = tenant, email, password = Password });
        return await CallerAsync(tenant, email);
    }

    async Task<Caller> CallerAsync(Guid tenant, string email)
    {
        var token = await LoginAsync(tenant, email, Password);
        var me = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/identity/auth/validate", token);
        return new Caller(tenant, Guid.Parse(me.GetProperty("sub").GetString()!), email, token);
    }
}
