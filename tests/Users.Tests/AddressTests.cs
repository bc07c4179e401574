using System.Net;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;
using static DaprShop.Users.Tests.Support.UsersApi;

namespace DaprShop.Users.Tests;

public sealed class AddressTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;

    [Fact]
    public async Task An_address_is_created_read_and_listed_with_its_ETag()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var created = await Api.CreateAddressAsync(user.Token, Address(country: "ca", postalCode: "k1a0b1"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var address = await OkAsync<AddressView>(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/profiles/me/addresses/{address.Id}", created.Headers.Location!.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("CA", address.Country);
        Assert.Equal("K1A 0B1", address.PostalCode);
        Assert.Equal("SHIPPING", address.Type);
        Assert.True(address.IsDefault);   // the first of its type

        using var read = await Api.GetAddressAsync(user.Token, address.Id);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        Assert.Equivalent(address, await OkAsync<AddressView>(read), strict: true);
        Assert.Equal([address.Id], (await Api.AddressesOkAsync(user.Token)).Select(a => a.Id));
    }

    [Fact]
    public async Task Each_type_has_one_default_and_a_new_default_replaces_the_old()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var home = await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));
        var office = await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));
        var billing = await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));
        Assert.True(home.IsDefault);
        Assert.False(office.IsDefault);
        Assert.True(billing.IsDefault);

        var parents = await Api.CreateAddressOkAsync(user.Token, Address("shipping", isDefault: true));

        var all = (await Api.AddressesOkAsync(user.Token)).ToDictionary(a => a.Id);
        Assert.True(all[parents.Id].IsDefault);
        Assert.False(all[home.Id].IsDefault);
        Assert.True(all[billing.Id].IsDefault);
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "BILLING"));
    }

    [Fact]
    public async Task A_put_can_make_an_address_the_default()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var first = await Api.CreateAddressOkAsync(user.Token, Address());
        var second = await Api.CreateAddressOkAsync(user.Token, Address());

        var updated = await OkAsync<AddressView>(await Api.UpdateAddressAsync(user.Token, second.Id, Address(isDefault: true)));

        Assert.True(updated.IsDefault);
        Assert.False((await OkAsync<AddressView>(await Api.GetAddressAsync(user.Token, first.Id))).IsDefault);
    }

    [Fact]
    public async Task The_default_cannot_be_unset_only_replaced()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var only = await Api.CreateAddressOkAsync(user.Token, Address());

        using var response = await Api.UpdateAddressAsync(user.Token, only.Id, Address(isDefault: false));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/default-address-required");
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
    }

    [Fact]
    public async Task Changing_the_type_of_the_default_hands_the_default_to_another_address()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var billing = await Api.CreateAddressOkAsync(user.Token, Address("BILLING"));
        var shippingDefault = await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));
        var otherShipping = await Api.CreateAddressOkAsync(user.Token, Address("SHIPPING"));

        var moved = await OkAsync<AddressView>(await Api.UpdateAddressAsync(user.Token, shippingDefault.Id, Address("BILLING", isDefault: true)));

        Assert.Equal("BILLING", moved.Type);
        Assert.True(moved.IsDefault);
        var all = (await Api.AddressesOkAsync(user.Token)).ToDictionary(a => a.Id);
        Assert.False(all[billing.Id].IsDefault);
        Assert.True(all[otherShipping.Id].IsDefault);
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "BILLING"));
    }

    [Fact]
    public async Task Deleting_the_default_promotes_the_newest_remaining_address()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var first = await Api.CreateAddressOkAsync(user.Token, Address());
        users.Host.Clock!.Advance(TimeSpan.FromMinutes(1));
        var second = await Api.CreateAddressOkAsync(user.Token, Address());
        users.Host.Clock!.Advance(TimeSpan.FromMinutes(1));
        var third = await Api.CreateAddressOkAsync(user.Token, Address());

        using var deleted = await Api.DeleteAddressAsync(user.Token, first.Id);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var left = (await Api.AddressesOkAsync(user.Token)).ToDictionary(a => a.Id);
        Assert.Equal(2, left.Count);
        Assert.True(left[third.Id].IsDefault);
        Assert.False(left[second.Id].IsDefault);
        using var again = await Api.GetAddressAsync(user.Token, first.Id);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_to_an_address_need_its_current_ETag_when_they_send_one()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        using var created = await Api.CreateAddressAsync(user.Token, Address());
        var address = await OkAsync<AddressView>(created, HttpStatusCode.Created);
        var etag = created.Headers.ETag!.Tag;

        using var updated = await Api.UpdateAddressAsync(user.Token, address.Id, Address().With("city", "Oakland"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var stalePut = await Api.UpdateAddressAsync(user.Token, address.Id, Address().With("city", "Berkeley"), ifMatch: etag);
        using var staleDelete = await Api.DeleteAddressAsync(user.Token, address.Id, ifMatch: etag);
        await ProblemAssert.IsProblemAsync(stalePut, HttpStatusCode.PreconditionFailed);
        await ProblemAssert.IsProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed);
        Assert.Equal("Oakland", (await OkAsync<AddressView>(await Api.GetAddressAsync(user.Token, address.Id))).City);

        using var delete = await Api.DeleteAddressAsync(user.Token, address.Id, ifMatch: updated.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Required_fields_and_formats_are_reported_per_field()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await Api.CreateAddressAsync(user.Token, new
        {
            type = "HOME",
            recipientName = " ",
            line1 = (string?)null,
            city = "Berlin",
            postalCode = "1011",
            country = "DE",
            phone = "030 1234567",
        });

        await ProblemAssert.IsValidationProblemAsync(response, "type", "recipientName", "line1", "postalCode", "phone");
        Assert.Equal(0, await users.CountAddressesAsync(user.UserId));
    }

    [Theory]
    [InlineData("US", "94105-1234")]
    [InlineData("GB", "SW1A 1AA")]
    [InlineData("DE", "10115")]
    [InlineData("FR", "75008")]
    [InlineData("NL", "1012 AB")]
    [InlineData("JP", "100-0001")]
    [InlineData("AU", "2000")]
    [InlineData("BR", "01310-100")]
    [InlineData("IN", "110001")]
    [InlineData("NZ", "6011")]
    public async Task Postal_codes_are_accepted_in_each_countrys_format(string country, string postalCode)
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        var address = await Api.CreateAddressOkAsync(user.Token, Address(country: country, postalCode: postalCode));

        Assert.Equal(postalCode, address.PostalCode);
    }

    [Theory]
    [InlineData("US", "9410")]
    [InlineData("GB", "SW1A")]
    [InlineData("NL", "1012 SS")]
    [InlineData("JP", "1000-001")]
    [InlineData("IN", "011001")]
    public async Task A_postal_code_the_country_does_not_use_is_a_field_problem(string country, string postalCode)
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await Api.CreateAddressAsync(user.Token, Address(country: country, postalCode: postalCode));

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "postalCode");
        Assert.Contains(country, problem.Errors["postalCode"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_country_is_a_field_problem()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await Api.CreateAddressAsync(user.Token, Address(country: "UK", postalCode: "SW1A 1AA"));

        await ProblemAssert.IsValidationProblemAsync(response, "country");
    }

    [Fact]
    public async Task A_user_keeps_at_most_twenty_addresses()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        for (var i = 0; i < 20; i++) await Api.CreateAddressOkAsync(user.Token, Address(i % 2 == 0 ? "SHIPPING" : "BILLING"));

        using var response = await Api.CreateAddressAsync(user.Token, Address(isDefault: true));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "https://daprshop.dev/problems/address-limit");
        Assert.Equal(20, await users.CountAddressesAsync(user.UserId));
        Assert.Equal(1, await users.CountDefaultsAsync(user.UserId, "SHIPPING"));
    }

    [Fact]
    public async Task Without_a_profile_there_are_no_addresses_to_add()
    {
        var user = users.NewUser(Guid.CreateVersion7());

        using var response = await Api.CreateAddressAsync(user.Token, Address());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "https://daprshop.dev/problems/profile-not-ready");
        Assert.Equal(0, await users.CountAddressesAsync(user.UserId));
    }

    [Fact]
    public async Task An_unknown_address_id_is_a_404_on_every_verb()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var id = Guid.CreateVersion7();

        using var get = await Api.GetAddressAsync(user.Token, id);
        using var put = await Api.UpdateAddressAsync(user.Token, id, Address());
        using var delete = await Api.DeleteAddressAsync(user.Token, id);

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_default()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var first = await Api.CreateAddressOkAsync(user.Token, Address());
        var second = await Api.CreateAddressOkAsync(user.Token, Address());

        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            users.Database.ExecuteAsync("update addresses set is_default = true where id = $1", second.Id));

        Assert.Equal("23505", e.SqlState);
        Assert.Equal("ux_addresses_one_default_per_type", e.ConstraintName);
        Assert.True((await OkAsync<AddressView>(await Api.GetAddressAsync(user.Token, first.Id))).IsDefault);
    }
}
