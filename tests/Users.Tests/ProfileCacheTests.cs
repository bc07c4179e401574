using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaprShop.Contracts.Users;
using DaprShop.Testing;
using DaprShop.Users.Tests.Support;

namespace DaprShop.Users.Tests;

/// <summary>Profile reads are cached in the Dapr state store with a TTL, under a key that carries the tenant; writes drop the entry after commit.</summary>
public sealed class ProfileCacheTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;

    // The sidecar prefixes keys with the app id (keyPrefix: appid, the default).
    static string StoreKey(TestUser u) => $"users||{u.TenantId}:profile:{u.UserId}";

    LocalSidecar.State.IStateStoreEngine Store => users.Host.Cluster.StateStores["statestore"];

    [Fact]
    public async Task A_read_fills_a_tenant_keyed_entry_with_a_ttl()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        Assert.Null(Store.Get(StoreKey(user)));

        await Api.ProfileOkAsync(user.Token);

        var entry = Store.Get(StoreKey(user));
        Assert.NotNull(entry);
        Assert.NotNull(entry.ExpiresAt);
        var ttl = entry.ExpiresAt.Value - users.Host.Cluster.Time.GetUtcNow();
        Assert.InRange(ttl, TimeSpan.FromSeconds(250), TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task Later_reads_are_served_from_the_cache()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.ProfileOkAsync(user.Token);

        // Change the row behind the service's back: a cached read does not see it.
        await users.Database.ExecuteAsync("update profiles set display_name = 'behind the back' where user_id = $1", user.UserId);

        Assert.Null((await Api.ProfileOkAsync(user.Token)).DisplayName);
        Assert.Contains(users.Host.Cluster.Calls.Where(appId: "users", api: "state", operation: "get"), c => c.Target.EndsWith(user.UserId.ToString(), StringComparison.Ordinal) && c.Outcome == "ok");
    }

    [Fact]
    public async Task A_write_drops_the_entry_so_the_next_read_is_fresh()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.ProfileOkAsync(user.Token);

        await UsersApi.OkAsync<ProfileView>(await Api.UpdateOwnProfileAsync(user.Token, new { displayName = "New name" }));

        Assert.Null(ReadCached(user));
        Assert.Equal("New name", (await Api.ProfileOkAsync(user.Token)).DisplayName);
        Assert.Equal("New name", ReadCached(user)!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lock_event_drops_the_entry_too()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        await Api.ProfileOkAsync(user.Token);
        Assert.NotNull(ReadCached(user));

        await users.PublishAsync(new UserLockChanged(user.UserId, true, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) });

        await Eventually.TrueAsync(() => ReadCached(user) is null, "the lock's commit dropped the cached profile");
        Assert.True((await Api.ProfileOkAsync(user.Token)).Locked);
    }

    [Fact]
    public async Task A_failing_state_store_does_not_fail_reads_or_writes()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        users.Host.Cluster.Faults.FailNextStateWrites(2, "users");

        var read = await Api.ProfileOkAsync(user.Token);                     // the fill fails
        var written = await UsersApi.OkAsync<ProfileView>(await Api.UpdateOwnProfileAsync(user.Token, new { displayName = "Still works" }));  // the drop fails

        Assert.Equal(user.UserId, read.UserId);
        Assert.Equal("Still works", written.DisplayName);
        Assert.Equal("Still works", (await Api.ProfileOkAsync(user.Token)).DisplayName);
    }

    [Fact]
    public async Task A_staff_read_of_a_profile_uses_the_same_entry()
    {
        var tenant = Guid.CreateVersion7();
        var user = await users.RegisterAsync(tenant);
        var support = users.NewUser(tenant, "support");

        await UsersApi.OkAsync<ProfileView>(await Api.GetProfileAsync(support.Token, user.UserId));

        Assert.NotNull(ReadCached(user));
    }

    /// <summary>The cached profile; null when there is no entry or only the tombstone an invalidation leaves (kit cache).</summary>
    JsonObject? ReadCached(TestUser user) =>
        Store.Get(StoreKey(user)) is { } entry ? JsonNode.Parse(Encoding.UTF8.GetString(entry.Value))!["value"]?.AsObject() : null;
}
