using System.Net;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;

namespace DaprShop.Users.Tests;

public sealed class OwnProfileTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;
    CancellationToken Ct => TestContext.Current.CancellationToken;

    static object Edit(string? displayName = "Jane", string? phone = "+14155552671", string? locale = "en-us", bool? marketing = true) => new
    {
        displayName,
        firstName = "Jane",
        lastName = "Doe",
        phone,
        locale,
        marketingOptIn = marketing,
    };

    [Fact]
    public async Task The_owner_edits_their_profile_and_reads_it_back()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var put = await Api.UpdateOwnProfileAsync(user.Token, Edit());
        var updated = await UsersApi.OkAsync<ProfileView>(put);

        Assert.Equal("Jane", updated.DisplayName);
        Assert.Equal("en-US", updated.Locale);
        Assert.True(updated.MarketingOptIn);
        var read = await Api.ProfileOkAsync(user.Token);
        Assert.Equivalent(updated, read, strict: true);
        Assert.Equal(user.Email, read.Email);
    }

    [Fact]
    public async Task A_put_replaces_fields_so_left_out_ones_are_cleared()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await UsersApi.OkAsync<ProfileView>(await Api.UpdateOwnProfileAsync(user.Token, Edit()));

        var cleared = await UsersApi.OkAsync<ProfileView>(await Api.UpdateOwnProfileAsync(user.Token, new { displayName = "  Jane  " }));

        Assert.Equal("Jane", cleared.DisplayName);
        Assert.Null(cleared.Phone);
        Assert.Null(cleared.Locale);
        Assert.False(cleared.MarketingOptIn);
    }

    [Fact]
    public async Task Reads_carry_an_ETag_that_a_write_must_match()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        using var first = await Api.GetOwnProfileAsync(user.Token);
        var etag = first.Headers.ETag!.Tag;

        using var ok = await Api.UpdateOwnProfileAsync(user.Token, Edit("First"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(etag, ok.Headers.ETag!.Tag);

        using var stale = await Api.UpdateOwnProfileAsync(user.Token, Edit("Second"), ifMatch: etag);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("First", (await Api.ProfileOkAsync(user.Token)).DisplayName);

        using var current = await Api.GetOwnProfileAsync(user.Token);
        Assert.Equal(ok.Headers.ETag!.Tag, current.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task An_unreadable_If_Match_is_a_400_and_changes_nothing()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await Api.UpdateOwnProfileAsync(user.Token, Edit("Changed"), ifMatch: "not-a-tag");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Null((await Api.ProfileOkAsync(user.Token)).DisplayName);
    }

    [Fact]
    public async Task Writers_racing_with_the_same_ETag_leave_exactly_one_winner()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        using var read = await Api.GetOwnProfileAsync(user.Token);
        var etag = read.Headers.ETag!.Tag;
        using var barrier = new Barrier(8);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait(Ct);
            using var response = await Api.UpdateOwnProfileAsync(user.Token, Edit($"writer {i}"), ifMatch: etag);
            return response.StatusCode;
        }, Ct)));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
    }

    [Fact]
    public async Task Invalid_fields_are_reported_by_name_and_nothing_changes()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        using var response = await Api.UpdateOwnProfileAsync(user.Token, new
        {
            displayName = new string('x', 101),
            firstName = "line\nbreak",
            phone = "555-2671",
            locale = "english",
        });

        await ProblemAssert.IsValidationProblemAsync(response, "displayName", "firstName", "phone", "locale");
        Assert.Null((await Api.ProfileOkAsync(user.Token)).DisplayName);
    }

    [Fact]
    public async Task Without_a_profile_a_put_is_a_404_and_creates_nothing()
    {
        var user = users.NewUser(Guid.CreateVersion7());

        using var response = await Api.UpdateOwnProfileAsync(user.Token, Edit());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "https://daprshop.dev/problems/profile-not-ready");
        Assert.Equal(0, await users.CountProfilesAsync(user.UserId));
    }

    [Fact]
    public async Task Support_and_admin_have_profiles_too()
    {
        var admin = await users.RegisterAsync(Guid.CreateVersion7(), "admin");

        Assert.Equal(["admin"], (await Api.ProfileOkAsync(admin.Token)).Roles);
    }
}
