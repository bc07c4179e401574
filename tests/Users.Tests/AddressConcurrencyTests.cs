using System.Net;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

/// <summary>The same user's address changes released together behind a barrier: the database decides, one at a time.</summary>
public sealed class AddressConcurrencyTests(UsersService users) : IClassFixture<UsersService>
{
    const int Writers = 8;
    UsersApi Api => users.Api;
    CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<HttpStatusCode[]> AllAtOnceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        using var barrier = new Barrier(Writers);
        return await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait(Ct);
            using var response = await send(i);
            return response.StatusCode;
        }, Ct)));
    }

    [Fact]
    public async Task Concurrent_default_switches_end_with_exactly_one_default()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var addresses = new List<AddressView>();
        for (var i = 0; i < Writers; i++) addresses.Add(await Api.CreateAddressOkAsync(user.Token, Address()));

        var statuses = await AllAtOnceAsync(i => Api.UpdateAddressAsync(user.Token, addresses[i].Id, Address(isDefault: true)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
        Assert.Single(await Api.AddressesOkAsync(user.Token), a => a.IsDefault);
    }

    [Fact]
    public async Task Concurrent_new_defaults_end_with_exactly_one_default()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        var statuses = await AllAtOnceAsync(_ => Api.CreateAddressAsync(user.Token, Address(isDefault: true)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(Writers, await users.CountAddressesAsync(user.UserId));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
    }

    [Fact]
    public async Task Concurrent_first_addresses_of_a_type_make_one_default()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        var statuses = await AllAtOnceAsync(_ => Api.CreateAddressAsync(user.Token, Address("BILLING")));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "BILLING"));
    }

    [Fact]
    public async Task Concurrent_adds_at_the_limit_let_exactly_one_through()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        for (var i = 0; i < 19; i++) await Api.CreateAddressOkAsync(user.Token, Address());

        var statuses = await AllAtOnceAsync(_ => Api.CreateAddressAsync(user.Token, Address()));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Writers - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(20, await users.CountAddressesAsync(user.UserId));
    }

    [Fact]
    public async Task Concurrent_deletes_of_the_default_leave_one_default_among_the_rest()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var addresses = new List<AddressView>();
        for (var i = 0; i < Writers + 2; i++) addresses.Add(await Api.CreateAddressOkAsync(user.Token, Address(isDefault: true)));

        // Each writer deletes a different address, the current default among them.
        var statuses = await AllAtOnceAsync(i => Api.DeleteAddressAsync(user.Token, addresses[^(i + 1)].Id));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(2, await users.CountAddressesAsync(user.UserId));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
    }
}
