using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace DaprShop.Identity.Tests.Support;

public sealed record TokenSet(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record UserView(Guid Id, Guid TenantId, string Email, string[] Roles, bool Locked, DateTimeOffset? LockedUntil);

public sealed record TenantView(Guid Id, string Name, Guid? AdminUserId);

public sealed record PageView<T>(T[] Items, int Page, int PageSize, int Total);

public sealed record ValidatedToken(string Sub, string Tid, string[] Roles, DateTimeOffset? Expires);

/// <summary>A tenant made for one test, with its first admin's credentials.</summary>
public sealed record TestTenant(Guid Id, string Name, string AdminEmail, string AdminPassword);

/// <summary>Identity's HTTP API as a client uses it; every call goes over the wire to the real service.</summary>
public sealed class IdentityApi(HttpClient http, IdentityService service)
{
    public HttpClient Http => http;

    // --- auth (JSON routes) ---
    public Task<HttpResponseMessage> SignUpAsync(Guid tenantId, string email, string password) =>
        http.PostAsJsonAsync("/api/v1/auth/signup", new { tenantId, email, password });

    public Task<HttpResponseMessage> LoginAsync(Guid tenantId, string email, string password) =>
        http.PostAsJsonAsync("/api/v1/auth/login", new { tenantId, email, password });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    public Task<HttpResponseMessage> LogoutAsync(string refreshToken) =>
        http.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken });

    public Task<HttpResponseMessage> ValidateAsync(string accessToken) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/validate") { Headers = { Authorization = Bearer(accessToken) } });

    public async Task<TokenSet> LoginOkAsync(Guid tenantId, string email, string password) =>
        await OkAsync<TokenSet>(await LoginAsync(tenantId, email, password));

    public async Task<TokenSet> RefreshOkAsync(string refreshToken) => await OkAsync<TokenSet>(await RefreshAsync(refreshToken));

    public async Task<UserView> SignUpOkAsync(Guid tenantId, string email, string password) =>
        await OkAsync<UserView>(await SignUpAsync(tenantId, email, password), HttpStatusCode.Created);

    // --- OAuth endpoint ---
    public Task<HttpResponseMessage> PasswordGrantAsync(Guid tenantId, string email, string password) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(PasswordGrant(tenantId, email, password)));

    public static Dictionary<string, string> PasswordGrant(Guid tenantId, string email, string password) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "daprshop-web",
        ["username"] = email,
        ["password"] = password,
        ["tenant_id"] = tenantId.ToString(),
        ["scope"] = "offline_access",
    };

    public Task<HttpResponseMessage> JwksAsync() => http.GetAsync("/.well-known/jwks");

    /// <summary>A form POST to an OAuth endpoint (<c>/connect/token</c>, <c>/connect/revoke</c>, <c>/connect/introspect</c>).</summary>
    public Task<HttpResponseMessage> FormAsync(string path, IEnumerable<KeyValuePair<string, string>> form) =>
        http.PostAsync(path, new FormUrlEncodedContent(form));

    public Task<HttpResponseMessage> ChangePasswordAsync(string accessToken, string currentPassword, string newPassword) =>
        SendAsync(HttpMethod.Post, "/api/v1/users/me/password", accessToken, new { currentPassword, newPassword });

    public Task<HttpResponseMessage> UnlockUserAsync(string accessToken, Guid userId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/users/{userId}/unlock", accessToken);

    // --- tenants and users (admin APIs, bearer token) ---
    public async Task<TestTenant> CreateTenantAsync(TenantBuilder tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var created = await OkAsync<TenantView>(await SendAsync(HttpMethod.Post, "/api/v1/tenants", await PlatformAdminTokenAsync(), tenant.Request()),
            HttpStatusCode.Created);
        return new TestTenant(created.Id, tenant.Name, tenant.AdminEmail, tenant.AdminPassword);
    }

    public Task<HttpResponseMessage> UpdateTenantSettingsAsync(string accessToken, Guid tenantId, object settings) =>
        SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenantId}/settings", accessToken, settings);

    public Task<HttpResponseMessage> GetTenantAsync(string accessToken, Guid tenantId) =>
        SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenantId}", accessToken);

    public Task<HttpResponseMessage> CreateUserAsync(string accessToken, string email, string password, params string[] roles) =>
        SendAsync(HttpMethod.Post, "/api/v1/users", accessToken, new { email, password, roles });

    public Task<HttpResponseMessage> ListUsersAsync(string accessToken, Guid? tenantHeader = null) =>
        SendAsync(HttpMethod.Get, "/api/v1/users?pageSize=100", accessToken, tenantHeader: tenantHeader);

    public Task<HttpResponseMessage> GetUserAsync(string accessToken, Guid userId) =>
        SendAsync(HttpMethod.Get, $"/api/v1/users/{userId}", accessToken);

    public Task<HttpResponseMessage> LockUserAsync(string accessToken, Guid userId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/users/{userId}/lock", accessToken);

    public Task<HttpResponseMessage> ChangeRolesAsync(string accessToken, Guid userId, params string[] roles) =>
        SendAsync(HttpMethod.Put, $"/api/v1/users/{userId}/roles", accessToken, new { roles });

    public async Task<string> PlatformAdminTokenAsync()
    {
        var platform = await service.PlatformTenantIdAsync();
        return (await LoginOkAsync(platform, IdentityService.PlatformAdminEmail, service.PlatformAdminPassword)).AccessToken;
    }

    public async Task<string> AdminTokenAsync(TestTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return (await LoginOkAsync(tenant.Id, tenant.AdminEmail, tenant.AdminPassword)).AccessToken;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, object? body = null, Guid? tenantHeader = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null) request.Headers.Authorization = Bearer(accessToken);
        if (tenantHeader is { } t) request.Headers.Add("X-Tenant-ID", t.ToString());
        if (body is not null) request.Content = JsonContent.Create(body);
        return http.SendAsync(request);
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            if (response.StatusCode != expected)
                Assert.Fail($"expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}, " +
                            $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>())!;
        }
    }

    /// <summary>Fails with the first answer whose status is not among <paramref name="allowed"/>, body included.</summary>
    public static async Task AllAmongAsync(IEnumerable<HttpResponseMessage> answers, params HttpStatusCode[] allowed)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var answer in answers.Where(a => !allowed.Contains(a.StatusCode)))
            Assert.Fail($"unexpected {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
