using System.Net;
using System.Text.Json;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing;

namespace DaprShop.Scenario.Tests;

/// <summary>
/// Tenant B's admin and customer, holding tenant A's ids, try every route of identity, users and catalog through the
/// gateway: each answers as if A's data did not exist (404, empty lists, "missing"), and A's data is unchanged.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class TenantIsolationTests(Shop shop) : IAsyncLifetime
{
    ShopClient Client => shop.Client;

    TestTenant _a = null!;
    TestTenant _b = null!;
    Caller _aCustomer = null!;
    Caller _bCustomer = null!;
    Guid _aProduct;
    string _aSlug = "";
    Guid _aAddress;

    public async ValueTask InitializeAsync()
    {
        _a = await Client.NewTenantAsync();
        _b = await Client.NewTenantAsync();
        _aCustomer = await Client.SignUpAsync(_a.Id);
        _bCustomer = await Client.SignUpAsync(_b.Id);
        var product = await Client.CreateAsync(_a.Admin, Products.Body("ISO-1", "Isolated lamp", "Acme", "home/lighting", 30m));
        _aProduct = product.Id();
        _aSlug = product.GetProperty("slug").GetString()!;
        await Eventually.TrueAsync(async () => (await Client.GetAsync("/api/v1/users/profiles/me", _aCustomer.Token)).StatusCode == HttpStatusCode.OK,
            "A's customer's profile exists");
        var address = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/users/profiles/me/addresses", _aCustomer.Token,
            new { type = "SHIPPING", recipientName = "A", line1 = "A street 1", city = "Paris", postalCode = "75001", country = "FR" });
        _aAddress = address.GetProperty("id").GetGuid();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string, string> ForeignIdRoutes => new()
    {
        // who of tenant B, method, path template ({product}, {slug}, {user}, {address})
        { "admin", "GET", "/api/v1/catalog/products/{product}" },
        { "customer", "GET", "/api/v1/catalog/products/{product}" },
        { "customer", "GET", "/api/v1/catalog/products/by-slug/{slug}" },
        { "admin", "PUT", "/api/v1/catalog/products/{product}" },
        { "admin", "DELETE", "/api/v1/catalog/products/{product}" },
        { "admin", "GET", "/api/v1/users/profiles/{user}" },
        { "admin", "GET", "/api/v1/users/profiles/{user}/addresses" },
        { "customer", "GET", "/api/v1/users/profiles/me/addresses/{address}" },
        { "customer", "PUT", "/api/v1/users/profiles/me/addresses/{address}" },
        { "customer", "DELETE", "/api/v1/users/profiles/me/addresses/{address}" },
        { "admin", "GET", "/api/v1/identity/users/{user}" },
        { "admin", "POST", "/api/v1/identity/users/{user}/lock" },
        { "admin", "PUT", "/api/v1/identity/users/{user}/roles" },
        { "admin", "GET", "/api/v1/identity/tenants/{tenant}" },
    };

    object? BodyFor(string method, string path) => (method, path) switch
    {
        ("PUT", _) when path.Contains("/catalog/", StringComparison.Ordinal) => Products.Body("ISO-1", "Stolen lamp", "Evil", "home/lighting", 1m),
        ("PUT", _) when path.Contains("/addresses/", StringComparison.Ordinal) =>
            new { type = "SHIPPING", recipientName = "B", line1 = "B street", city = "Paris", postalCode = "75002", country = "FR" },
        ("PUT", _) => new { roles = new[] { "admin" } },
        _ => null,
    };

    [Theory]
    [MemberData(nameof(ForeignIdRoutes))]
    public async Task Another_tenants_id_is_not_found(string who, string method, string template)
    {
        var caller = who == "admin" ? _b.Admin : _bCustomer;
        var path = template.Replace("{product}", _aProduct.ToString(), StringComparison.Ordinal)
            .Replace("{slug}", _aSlug, StringComparison.Ordinal)
            .Replace("{user}", _aCustomer.UserId.ToString(), StringComparison.Ordinal)
            .Replace("{address}", _aAddress.ToString(), StringComparison.Ordinal)
            .Replace("{tenant}", _a.Id.ToString(), StringComparison.Ordinal);

        var response = await Client.SendAsync(new HttpMethod(method), path, caller.Token, BodyFor(method, path),
            h => h.Add("If-Match", "\"1\""));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound,
            $"{who} of B: {method} {path} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        await AsIfNothingHappenedAsync();
    }

    [Fact]
    public async Task Lists_and_searches_never_show_another_tenants_data()
    {
        var products = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/catalog/products?q=lamp", _b.Admin.Token);
        var profiles = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/users/profiles?email={Uri.EscapeDataString(_aCustomer.Email)}", _b.Admin.Token);
        var identityUsers = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/identity/users?pageSize=100", _b.Admin.Token);
        var lookup = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/catalog/products/lookup", _bCustomer.Token, new { ids = new[] { _aProduct } });
        var ownAddresses = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/users/profiles/me/addresses", _bCustomer.Token);

        Assert.Equal(0, products.GetProperty("total").GetInt64());
        Assert.Equal(0, profiles.GetProperty("total").GetInt64());
        Assert.DoesNotContain(identityUsers.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetGuid() == _aCustomer.UserId);
        Assert.Empty(lookup.GetProperty("items").EnumerateArray());
        Assert.Equal([_aProduct], lookup.GetProperty("missing").EnumerateArray().Select(m => m.GetGuid()));
        Assert.Equal(0, ownAddresses.GetProperty("total").GetInt64());
    }

    async Task AsIfNothingHappenedAsync()
    {
        var product = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/catalog/products/{_aProduct}", _a.Admin.Token);
        Assert.Equal("Isolated lamp", product.GetProperty("name").GetString());
        Assert.Equal("active", product.GetProperty("status").GetString());
        var address = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/users/profiles/me/addresses/{_aAddress}", _aCustomer.Token);
        Assert.Equal("A street 1", address.GetProperty("line1").GetString());
        var user = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/identity/users/{_aCustomer.UserId}", _a.Admin.Token);
        Assert.False(user.GetProperty("locked").GetBoolean());
        Assert.Equal(["customer"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
