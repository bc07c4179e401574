using System.Net;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

/// <summary>Two tenants, A and B: A's tokens never see or touch B's profiles and addresses, even with B's ids.</summary>
public sealed class TenantIsolationTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;

    sealed record Two(TestUser CustomerOfA, TestUser AdminOfA, TestUser CustomerOfB, AddressView AddressOfB);

    async Task<Two> TwoTenantsAsync()
    {
        var a = Guid.CreateVersion7();
        var b = Guid.CreateVersion7();
        var customerOfA = await users.RegisterAsync(a);
        var adminOfA = await users.RegisterAsync(a, "admin");
        var customerOfB = await users.RegisterAsync(b);
        var addressOfB = await Api.CreateAddressOkAsync(customerOfB.Token, Address());
        return new Two(customerOfA, adminOfA, customerOfB, addressOfB);
    }

    [Fact]
    public async Task Staff_of_A_cannot_read_a_profile_of_B()
    {
        var t = await TwoTenantsAsync();

        using var profile = await Api.GetProfileAsync(t.AdminOfA.Token, t.CustomerOfB.UserId);
        using var addresses = await Api.ListUserAddressesAsync(t.AdminOfA.Token, t.CustomerOfB.UserId);

        await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(addresses, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_of_A_list_only_A_even_searching_for_Bs_email()
    {
        var t = await TwoTenantsAsync();

        var all = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(t.AdminOfA.Token, "?pageSize=100"));
        var search = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(t.AdminOfA.Token, $"?email={Uri.EscapeDataString(t.CustomerOfB.Email)}"));

        Assert.All(all.Items, p => Assert.Equal(t.AdminOfA.TenantId, p.TenantId));
        Assert.Equal(2, all.Total);
        Assert.Empty(search.Items);
        Assert.Equal(0, search.Total);
    }

    [Fact]
    public async Task A_customer_of_A_cannot_read_change_or_delete_an_address_of_B_by_its_id()
    {
        var t = await TwoTenantsAsync();
        var id = t.AddressOfB.Id;

        using var get = await Api.GetAddressAsync(t.CustomerOfA.Token, id);
        using var put = await Api.UpdateAddressAsync(t.CustomerOfA.Token, id, Address().With("city", "Hijacked"));
        using var delete = await Api.DeleteAddressAsync(t.CustomerOfA.Token, id);

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        var still = await OkAsync<AddressView>(await Api.GetAddressAsync(t.CustomerOfB.Token, id));
        Assert.Equal("San Francisco", still.City);
    }

    [Fact]
    public async Task A_token_of_A_carrying_Bs_user_id_sees_no_profile()
    {
        // A validly signed token of tenant A for B's user id (the same id can exist in two tenants): still A's data only.
        var t = await TwoTenantsAsync();
        var forged = users.TokenFor(t.CustomerOfA.TenantId, t.CustomerOfB.UserId);

        using var profile = await Api.GetOwnProfileAsync(forged);
        using var address = await Api.GetAddressAsync(forged, t.AddressOfB.Id);
        using var create = await Api.CreateAddressAsync(forged, Address());

        await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(address, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.NotFound);
        Assert.Single(await Api.AddressesOkAsync(t.CustomerOfB.Token));
    }

    [Fact]
    public async Task The_cache_keeps_tenants_apart()
    {
        // B's profile cached first; A reading the same user id must not be answered from B's entry.
        var t = await TwoTenantsAsync();
        await Api.ProfileOkAsync(t.CustomerOfB.Token);

        using var response = await Api.GetProfileAsync(t.AdminOfA.Token, t.CustomerOfB.UserId);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_header_other_than_the_tokens_is_forbidden()
    {
        var t = await TwoTenantsAsync();

        using var response = await Api.SendAsync(HttpMethod.Get, "/api/v1/profiles/me", t.CustomerOfA.Token, tenantHeader: t.CustomerOfB.TenantId);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
