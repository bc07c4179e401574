using System.Net;
using System.Text.Json;
using DaprShop.Cart.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Cart.Tests;

public sealed class GuestAndTenancyTests(CartService cart) : IClassFixture<CartService>
{
    [Fact]
    public async Task A_guest_cart_is_merged_into_the_users_cart_summed_and_capped_then_gone_and_a_second_merge_adds_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var shared = cart.Dependencies.Product(tenant, 2m);
        var guestOnly = cart.Dependencies.Product(tenant, 3m);
        using var guest = cart.Guest(tenant);
        var guestCartId = await guest.CreateGuestCartAsync();
        (await guest.AddAsync(shared, 60)).Dispose();
        (await guest.AddAsync(guestOnly, 1)).Dispose();
        using var me = cart.Customer(tenant);
        (await me.AddAsync(shared, 50)).Dispose();

        using (var merged = await me.MergeAsync(guestCartId))
        {
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
            var notes = JsonDocument.Parse(await merged.Content.ReadAsStringAsync()).RootElement.GetProperty("merged");
            Assert.Equal("capped", notes[0].GetProperty("outcome").GetString());
        }
        var lines = await me.QuantitiesAsync();
        Assert.Equal(99, lines[shared]);
        Assert.Equal(1, lines[guestOnly]);

        using (var gone = await guest.ViewAsync()) await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound);
        using (var again = await me.MergeAsync(guestCartId)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(lines, await me.QuantitiesAsync());
    }

    [Fact]
    public async Task A_guest_cart_id_used_under_another_tenant_finds_nothing()
    {
        var tenant = Guid.CreateVersion7();
        using var guest = cart.Guest(tenant);
        var id = await guest.CreateGuestCartAsync();
        (await guest.AddAsync(cart.Dependencies.Product(tenant, 2m), 1)).Dispose();

        using var stranger = cart.Guest(Guid.CreateVersion7());
        stranger.GuestCartId = id;
        using (var r = await stranger.ViewAsync()) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);
        using (var r = await stranger.ClearAsync()) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);
        using var otherUser = cart.Customer(Guid.CreateVersion7());
        using (var r = await otherUser.MergeAsync(id)) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);

        Assert.Single(await guest.QuantitiesAsync());
    }

    [Fact]
    public async Task A_guest_route_needs_a_tenant_and_a_well_formed_cart_id()
    {
        using var anonymous = cart.Host.CreateClient();
        using (var r = await anonymous.PostAsync("/api/v1/cart/guest", null, TestContext.Current.CancellationToken))
            await ProblemAssert.IsValidationProblemAsync(r, "X-Tenant-ID");
        using var guest = cart.Guest(Guid.CreateVersion7());
        guest.GuestCartId = "not-a-cart-id";
        using (var r = await guest.ViewAsync()) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);
        guest.GuestCartId = new string('0', 32);
        using (var r = await guest.ViewAsync()) await ProblemAssert.IsProblemAsync(r, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_token_reaches_only_its_own_cart()
    {
        var tenant = Guid.CreateVersion7();
        var user = Guid.CreateVersion7();
        using var me = cart.Customer(tenant, user);
        (await me.AddAsync(cart.Dependencies.Product(tenant, 2m), 1)).Dispose();

        // The same user id under another tenant is another cart: it is empty and cannot see or change this one.
        using var elsewhere = cart.Customer(Guid.CreateVersion7(), user);
        Assert.Empty(await elsewhere.QuantitiesAsync());
        using (var r = await elsewhere.ClearAsync()) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        // A product of the first tenant is unknown in the second.
        var product = (await me.QuantitiesAsync()).Keys.Single();
        using (var r = await elsewhere.AddAsync(product, 1)) Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        // A token naming one tenant with X-Tenant-ID of another is refused.
        using var mismatch = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cart/");
        mismatch.Headers.Add("X-Tenant-ID", tenant.ToString());
        using (var r = await elsewhere.Http.SendAsync(mismatch, TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        Assert.Single(await me.QuantitiesAsync());
    }

    [Fact]
    public async Task Without_a_token_the_customer_routes_are_401_and_settings_need_an_admin()
    {
        using var anonymous = cart.Host.CreateClient();
        using (var r = await anonymous.GetAsync("/api/v1/cart/", TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using var customer = cart.Customer(Guid.CreateVersion7());
        using (var r = await customer.Http.GetAsync("/api/v1/cart-settings/tax", TestContext.Current.CancellationToken)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }
}
