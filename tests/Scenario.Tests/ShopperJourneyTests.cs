using System.Net;
using System.Text.Json;
using DaprShop.Scenario.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Scenario.Tests;

/// <summary>
/// What a shopper and a shop's admin do first, through the gateway only: sign up, find the profile identity's event
/// created, edit it, keep addresses, and browse a catalogue an admin built.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class ShopperJourneyTests(Shop shop)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;
    ShopClient Client => shop.Client;

    async Task<JsonElement> ProfileOnceCreatedAsync(Caller shopper)
    {
        HttpResponseMessage? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = await Client.GetAsync("/api/v1/users/profiles/me", shopper.Token);
            return last.StatusCode == HttpStatusCode.OK;
        }, "identity's UserRegistered reaches users and creates the profile");
        return JsonDocument.Parse(await last!.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task Signing_up_creates_the_profile_from_identitys_event_and_the_shopper_edits_it_under_If_Match()
    {
        var tenant = await Client.NewTenantAsync();
        var shopper = await Client.SignUpAsync(tenant.Id);

        var profile = await ProfileOnceCreatedAsync(shopper);
        Assert.Equal(shopper.Email, profile.GetProperty("email").GetString());

        var read = await Client.GetAsync("/api/v1/users/profiles/me", shopper.Token);
        var etag = read.Headers.ETag!.Tag;
        var edit = new { displayName = "Ann", firstName = "Ann", lastName = "Lee", phone = "+14155552671", locale = "en-US", marketingOptIn = false };
        var updated = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/users/profiles/me", shopper.Token, edit, h => h.Add("If-Match", etag));
        Assert.Equal("Ann", updated.GetProperty("displayName").GetString());

        var stale = await Client.SendAsync(HttpMethod.Put, "/api/v1/users/profiles/me", shopper.Token, edit with { }, h => h.Add("If-Match", etag));
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Addresses_are_kept_with_one_default_per_type_and_the_default_switches()
    {
        var tenant = await Client.NewTenantAsync();
        var shopper = await Client.SignUpAsync(tenant.Id);
        await ProfileOnceCreatedAsync(shopper);

        static object Address(string type, string line1, bool isDefault) => new
        {
            type,
            recipientName = "Ann Lee",
            line1,
            city = "Berlin",
            postalCode = "10115",
            country = "DE",
            isDefault,
        };
        var home = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/users/profiles/me/addresses", shopper.Token, Address("SHIPPING", "Home 1", false));
        var work = await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/users/profiles/me/addresses", shopper.Token, Address("SHIPPING", "Work 2", true));
        await Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/users/profiles/me/addresses", shopper.Token, Address("BILLING", "Home 1", false));

        var list = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/users/profiles/me/addresses", shopper.Token);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, list.GetProperty("total").GetInt64());
        var shippingDefaults = items.Where(a => a.GetProperty("type").GetString() == "SHIPPING" && a.GetProperty("isDefault").GetBoolean()).ToList();
        Assert.Equal(work.GetProperty("id").GetGuid(), Assert.Single(shippingDefaults).GetProperty("id").GetGuid());
        Assert.Single(items, a => a.GetProperty("type").GetString() == "BILLING" && a.GetProperty("isDefault").GetBoolean());

        var bad = await Client.SendAsync(HttpMethod.Post, "/api/v1/users/profiles/me/addresses", shopper.Token,
            new { type = "SHIPPING", recipientName = "Ann", line1 = "x", city = "Berlin", postalCode = "ABC", country = "DE" });
        await ProblemAssert.IsValidationProblemAsync(bad, "postalCode");
        Assert.NotEqual(Guid.Empty, home.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Only_an_admin_writes_products()
    {
        var tenant = await Client.NewTenantAsync();
        var customer = await Client.SignUpAsync(tenant.Id);

        var refused = await Client.SendAsync(HttpMethod.Post, "/api/v1/catalog/products", customer.Token, Products.Body("SKU-1", "Kettle", "Acme", "kitchen", 20m));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);

        await Client.CreateAsync(tenant.Admin, Products.Body("SKU-1", "Kettle", "Acme", "kitchen", 20m));
    }

    [Fact]
    public async Task Search_filters_sorts_pages_and_counts_facets_and_a_product_is_found_by_id_and_slug()
    {
        var tenant = await Client.NewTenantAsync();
        var admin = tenant.Admin;
        await Client.CreateAsync(admin, Products.Body("HP-1", "Studio headphones", "Sonic", "electronics/audio/headphones", 199m, description: "Closed-back studio headphones"));
        await Client.CreateAsync(admin, Products.Body("HP-2", "Travel headphones", "Acme", "electronics/audio/headphones", 89m, description: "Foldable headphones for travel"));
        await Client.CreateAsync(admin, Products.Body("SP-1", "Bookshelf speaker", "Sonic", "electronics/audio/speakers", 149m, description: "A speaker, not headphones"));
        await Client.CreateAsync(admin, Products.Body("TV-1", "Television 55", "Acme", "electronics/video", 499m));
        var kettle = await Client.CreateAsync(admin, Products.Body("KT-1", "Kettle", "Acme", "kitchen", 25m));
        await Client.CreateAsync(admin, Products.Body("HP-3", "Draft headphones", "Sonic", "electronics/audio/headphones", 10m, status: "draft"));
        var customer = await Client.SignUpAsync(tenant.Id);

        var text = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/catalog/products?q=headphones", customer.Token);
        var names = text.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(3, text.GetProperty("total").GetInt64());               // the draft is not a customer's to see
        Assert.DoesNotContain("Draft headphones", names);
        Assert.NotEqual("Bookshelf speaker", names[0]);                       // a name match outranks a description match

        var subtree = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get,
            "/api/v1/catalog/products?category=electronics/audio&sort=price&pageSize=2&page=1", customer.Token);
        Assert.Equal(3, subtree.GetProperty("total").GetInt64());
        Assert.Equal(["Travel headphones", "Bookshelf speaker"], subtree.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var brands = subtree.GetProperty("facets").GetProperty("brands").EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(2, brands["Sonic"]);
        Assert.Equal(1, brands["Acme"]);

        var filtered = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get,
            "/api/v1/catalog/products?brand=Acme&minPrice=50&maxPrice=500&sort=-price", customer.Token);
        Assert.Equal(["Television 55", "Travel headphones"], filtered.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        var byId = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/catalog/products/{kettle.Id()}", customer.Token);
        var bySlug = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/catalog/products/by-slug/{kettle.GetProperty("slug").GetString()}", customer.Token);
        Assert.Equal("KT-1", byId.GetProperty("sku").GetString());
        Assert.Equal(kettle.Id(), bySlug.Id());
    }

    [Fact]
    public async Task An_update_is_seen_at_once_despite_the_cache_and_is_announced_as_ProductUpdated()
    {
        var tenant = await Client.NewTenantAsync();
        var product = await Client.CreateAsync(tenant.Admin, Products.Body("MUG-1", "Mug", "Acme", "kitchen", 8m));
        var path = $"/api/v1/catalog/products/{product.Id()}";

        var cached = await Client.GetAsync(path, tenant.Admin.Token);       // fills the cache
        await Client.GetAsync(path, tenant.Admin.Token);
        var etag = cached.Headers.ETag!.Tag;
        await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, path, tenant.Admin.Token,
            Products.Body("MUG-1", "Mug", "Acme", "kitchen", 9.5m), h => h.Add("If-Match", etag));

        var after = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, tenant.Admin.Token);
        Assert.Equal(9.5m, after.GetProperty("price").GetProperty("amount").GetDecimal());
        await Eventually.TrueAsync(() => shop.ProductUpdates.TryGetValue(product.Id(), out var updates)
            && updates.Any(u => u.PriceAmount == 9.5m && u.TenantId == tenant.Id), "ProductUpdated reaches a subscriber");
    }

    [Fact]
    public async Task A_burst_past_the_users_limit_gets_429_with_Retry_After_and_no_more_than_the_limit_passes()
    {
        var tenant = await Client.NewTenantAsync();
        var customer = await Client.SignUpAsync(tenant.Id);
        // Signing in already spent one of the minute's requests (SignUpAsync reads the token back through the gateway).
        const int Left = Shop.UserLimitPerMinute - 1;
        const int Burst = Left + 10;
        using var start = new Barrier(Burst);

        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await Client.GetAsync("/api/v1/catalog/products?q=anything", customer.Token);
        }, Ct)));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(Burst - Left, limited.Count);
        Assert.All(responses.Except(limited), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var problem = await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        Assert.True(limited[0].Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");
        Assert.NotNull(problem);
    }

    [Fact]
    public async Task A_tenant_header_that_disagrees_with_the_token_is_403_at_every_service()
    {
        var tenant = await Client.NewTenantAsync();
        var other = Guid.CreateVersion7().ToString();

        foreach (var path in new[] { "/api/v1/users/profiles/me", "/api/v1/catalog/products", "/api/v1/identity/users" })
        {
            var response = await Client.GetAsync(path, tenant.Admin.Token, h => h.Add("X-Tenant-ID", other));
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "https://daprshop.dev/problems/tenant-mismatch");
        }
    }

    [Theory]
    [InlineData("PUT", "/api/v1/users/profiles/me", "{\"displayName\": ")]
    [InlineData("PUT", "/api/v1/users/profiles/me", "{\"displayName\": 42, \"marketingOptIn\": \"yes\"}")]
    [InlineData("POST", "/api/v1/catalog/products", "{\"sku\": \"A\u0000B\", \"name\": \"x\"}")]
    [InlineData("POST", "/api/v1/catalog/products", "{\"sku\": \"HUGE\", \"price\": {\"amount\": 1e400, \"currency\": \"EUR\"}}")]
    [InlineData("POST", "/api/v1/users/profiles/me/addresses", "null")]
    [InlineData("GET", "/api/v1/catalog/products/not-a-guid", null)]
    [InlineData("GET", "/api/v1/catalog/products?page=21474838&pageSize=100", null)]
    public async Task Malformed_input_through_the_gateway_is_a_4xx_problem(string method, string path, string? json)
    {
        var tenant = await Client.NewTenantAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", tenant.Admin.Token);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = await shop.Gateway.Client.SendAsync(request, Ct);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_5_MB_body_is_refused_with_a_4xx_problem_and_nothing_is_written()
    {
        var tenant = await Client.NewTenantAsync();
        var huge = Products.Body("BIG-1", "Big", "Acme", "kitchen", 1m, description: new string('x', 5 * 1024 * 1024));

        // Expect: 100-continue, as curl sends for a large body: the refusal comes before the body, not into a closed socket.
        var response = await Client.SendAsync(HttpMethod.Post, "/api/v1/catalog/products", tenant.Admin.Token, huge, h => h.ExpectContinue = true);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        var search = await Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/catalog/products?status=draft", tenant.Admin.Token);
        Assert.Equal(0, search.GetProperty("total").GetInt64());
    }
}
