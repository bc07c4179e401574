using System.Net;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

public sealed class StaffTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;

    [Fact]
    public async Task Support_pages_through_the_tenants_profiles()
    {
        var tenant = Guid.CreateVersion7();
        var registered = new List<TestUser>();
        for (var i = 0; i < 5; i++) registered.Add(await users.RegisterAsync(tenant));
        var support = users.NewUser(tenant, "support");

        var first = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(support.Token, "?page=1&pageSize=2"));
        var third = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(support.Token, "?page=3&pageSize=2"));
        var beyond = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(support.Token, "?page=50&pageSize=2"));

        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.Items.Length);
        Assert.Single(third.Items);
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.Total);
    }

    [Fact]
    public async Task Staff_find_a_profile_by_email_in_any_case()
    {
        var tenant = Guid.CreateVersion7();
        var user = await users.RegisterAsync(tenant);
        await users.RegisterAsync(tenant);
        var admin = users.NewUser(tenant, "admin");

        var found = await OkAsync<PageView<ProfileView>>(await Api.ListProfilesAsync(admin.Token, $"?email={Uri.EscapeDataString(user.Email.ToUpperInvariant())}"));

        Assert.Equal(user.UserId, Assert.Single(found.Items).UserId);
    }

    [Fact]
    public async Task Staff_read_a_users_profile_and_addresses()
    {
        var tenant = Guid.CreateVersion7();
        var user = await users.RegisterAsync(tenant);
        await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));
        await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));
        var support = users.NewUser(tenant, "support");

        var profile = await OkAsync<ProfileView>(await Api.GetProfileAsync(support.Token, user.UserId));
        var addresses = await OkAsync<PageView<AddressView>>(await Api.ListUserAddressesAsync(support.Token, user.UserId));

        Assert.Equal(user.Email, profile.Email);
        Assert.Equal(["BILLING", "SHIPPING"], addresses.Items.Select(a => a.Type));
    }

    [Fact]
    public async Task Customers_cannot_use_the_staff_routes()
    {
        var tenant = Guid.CreateVersion7();
        var customer = await users.RegisterAsync(tenant);
        var other = await users.RegisterAsync(tenant);

        using var list = await Api.ListProfilesAsync(customer.Token);
        using var get = await Api.GetProfileAsync(customer.Token, other.UserId);
        using var addresses = await Api.ListUserAddressesAsync(customer.Token, other.UserId);

        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(addresses, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task Out_of_range_paging_is_a_validation_problem(string query, string field)
    {
        var admin = users.NewUser(Guid.CreateVersion7(), "admin");

        using var response = await Api.ListProfilesAsync(admin.Token, query);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404()
    {
        var admin = users.NewUser(Guid.CreateVersion7(), "admin");

        using var response = await Api.GetProfileAsync(admin.Token, Guid.CreateVersion7());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
