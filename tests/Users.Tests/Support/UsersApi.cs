using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DaprShop.Users.Tests.Support;

public sealed record ProfileView(
    Guid UserId, Guid TenantId, string Email, string? DisplayName, string? FirstName, string? LastName, string? Phone, string? Locale,
    bool MarketingOptIn, string[] Roles, bool Locked, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AddressView(
    Guid Id, string Type, bool IsDefault, string RecipientName, string? Company, string Line1, string? Line2, string City, string? Region,
    string PostalCode, string Country, string? Phone);

public sealed record PageView<T>(T[] Items, int Page, int PageSize, long Total);

public sealed record ValidationView(Guid UserId, Guid TenantId, string Email, string? DisplayName, AddressView Address);

/// <summary>users' HTTP API as a client uses it; every call goes over the wire to the real service.</summary>
public sealed class UsersApi(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetOwnProfileAsync(string token) => SendAsync(HttpMethod.Get, "/api/v1/profiles/me", token);

    public Task<HttpResponseMessage> UpdateOwnProfileAsync(string token, object body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, "/api/v1/profiles/me", token, body, ifMatch);

    public Task<HttpResponseMessage> ListProfilesAsync(string token, string query = "") => SendAsync(HttpMethod.Get, "/api/v1/profiles" + query, token);

    public Task<HttpResponseMessage> GetProfileAsync(string token, Guid userId) => SendAsync(HttpMethod.Get, $"/api/v1/profiles/{userId}", token);

    public Task<HttpResponseMessage> ListUserAddressesAsync(string token, Guid userId) =>
        SendAsync(HttpMethod.Get, $"/api/v1/profiles/{userId}/addresses", token);

    public Task<HttpResponseMessage> CreateAddressAsync(string token, object body) => SendAsync(HttpMethod.Post, "/api/v1/profiles/me/addresses", token, body);

    public Task<HttpResponseMessage> ListAddressesAsync(string token, string query = "") =>
        SendAsync(HttpMethod.Get, "/api/v1/profiles/me/addresses" + query, token);

    public Task<HttpResponseMessage> GetAddressAsync(string token, Guid id) => SendAsync(HttpMethod.Get, $"/api/v1/profiles/me/addresses/{id}", token);

    public Task<HttpResponseMessage> UpdateAddressAsync(string token, Guid id, object body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, $"/api/v1/profiles/me/addresses/{id}", token, body, ifMatch);

    public Task<HttpResponseMessage> DeleteAddressAsync(string token, Guid id, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/profiles/me/addresses/{id}", token, ifMatch: ifMatch);

    public async Task<ProfileView> ProfileOkAsync(string token) => await OkAsync<ProfileView>(await GetOwnProfileAsync(token));

    public async Task<AddressView> CreateAddressOkAsync(string token, object body) =>
        await OkAsync<AddressView>(await CreateAddressAsync(token, body), HttpStatusCode.Created);

    public async Task<AddressView[]> AddressesOkAsync(string token) =>
        (await OkAsync<PageView<AddressView>>(await ListAddressesAsync(token, "?pageSize=100"))).Items;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? ifMatch = null, Guid? tenantHeader = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
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

    /// <summary>An address body, valid unless a test changes it.</summary>
    public static Dictionary<string, object?> Address(string type = "SHIPPING", bool? isDefault = null, string country = "US", string postalCode = "94105") => new()
    {
        ["type"] = type,
        ["recipientName"] = "Jane Doe",
        ["line1"] = "1 Market St",
        ["line2"] = null,
        ["city"] = "San Francisco",
        ["region"] = "CA",
        ["postalCode"] = postalCode,
        ["country"] = country,
        ["phone"] = "+14155552671",
        ["isDefault"] = isDefault,
    };
}
