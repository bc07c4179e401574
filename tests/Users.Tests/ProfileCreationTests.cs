using System.Net;
using DaprShop.Contracts.Users;
using DaprShop.Testing;
using DaprShop.Testing.Http;
using DaprShop.Users.Tests.Support;

namespace DaprShop.Users.Tests;

/// <summary>Profiles come into being from identity's UserRegistered on user-events, exactly once per user.</summary>
public sealed class ProfileCreationTests(UsersService users) : IClassFixture<UsersService>
{
    UsersApi Api => users.Api;
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserRegistered_creates_the_profile_the_user_then_reads()
    {
        var user = users.NewUser(Guid.CreateVersion7(), "customer", "support");

        await users.PublishAsync(user.Registered());

        await users.WaitForProfileAsync(user);
        using var response = await Api.GetOwnProfileAsync(user.Token);
        var profile = await UsersApi.OkAsync<ProfileView>(response);
        Assert.Equal(user.UserId, profile.UserId);
        Assert.Equal(user.TenantId, profile.TenantId);
        Assert.Equal(user.Email, profile.Email);
        Assert.Equal(["customer", "support"], profile.Roles);
        Assert.False(profile.Locked);
        Assert.Equal(users.Now, profile.CreatedAt);
    }

    [Fact]
    public async Task Before_the_event_arrives_the_own_profile_is_a_404_that_says_to_retry()
    {
        var user = users.NewUser(Guid.CreateVersion7());

        using var response = await Api.GetOwnProfileAsync(user.Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "https://daprshop.dev/problems/profile-not-ready");
        Assert.Contains("try again", problem.Detail, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_duplicated_delivery_creates_one_profile()
    {
        var user = users.NewUser(Guid.CreateVersion7());
        users.Host.Cluster.Faults.DuplicateNextDelivery("user-events");

        var registered = user.Registered();
        await users.PublishAsync(registered);

        await users.WaitForProfileAsync(user);
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Contains(users.Host.Cluster.Calls.Where(appId: "users", api: "pubsub", operation: "deliver"), c => c.Outcome == "injected-duplicate");
        Assert.Equal(1, await users.CountProfilesAsync(user.UserId));
        Assert.Equal(1, await users.Database.ScalarAsync<long>("select count(*) from processed_events where \"EventId\" = $1", registered.EventId));
    }

    [Fact]
    public async Task The_same_event_delivered_many_times_at_once_creates_one_profile()
    {
        var user = users.NewUser(Guid.CreateVersion7());
        var registered = user.Registered();
        using var barrier = new Barrier(8);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(Ct);
            await users.PublishAsync(registered);
        }, Ct)));

        await users.WaitForProfileAsync(user);
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(1, await users.CountProfilesAsync(user.UserId));
        Assert.Equal(1, await users.Database.ScalarAsync<long>("select count(*) from processed_events where \"EventId\" = $1", registered.EventId));
    }

    [Fact]
    public async Task Different_events_for_the_same_user_at_once_still_make_one_profile()
    {
        // Not what identity sends, but the primary key, not a check in C#, must be what keeps a user to one profile.
        var user = users.NewUser(Guid.CreateVersion7());
        using var barrier = new Barrier(8);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var registered = user.Registered();   // a new event id each time
            barrier.SignalAndWait(Ct);
            await users.PublishAsync(registered);
        }, Ct)));

        await users.WaitForProfileAsync(user);
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(1, await users.CountProfilesAsync(user.UserId));
        Assert.DoesNotContain(users.Host.Cluster.Calls.Where(appId: "users", api: "pubsub", operation: "deliver"),
            c => c.Target == "pubsub/user-events" && c.Outcome.Contains("retries-exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_user_id_in_two_tenants_is_two_profiles()
    {
        var userId = Guid.CreateVersion7();
        var inA = users.NewUser(Guid.CreateVersion7()) with { UserId = userId };
        var inB = users.NewUser(Guid.CreateVersion7()) with { UserId = userId };

        await users.PublishAsync(inA.Registered());
        await users.PublishAsync(inB.Registered());

        await Eventually.TrueAsync(async () => await users.CountProfilesAsync(userId) == 2, "both tenants' profiles exist");
    }

    [Fact]
    public async Task UserLockChanged_locks_and_unlocks_the_profile()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var lockedAt = DateTimeOffset.UtcNow.AddSeconds(1);

        await users.PublishAsync(new UserLockChanged(user.UserId, true, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = lockedAt });
        await Eventually.TrueAsync(async () => (await Api.ProfileOkAsync(user.Token)).Locked, "the profile shows the lock");

        await users.PublishAsync(new UserLockChanged(user.UserId, false, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = lockedAt.AddSeconds(1) });
        await Eventually.TrueAsync(async () => !(await Api.ProfileOkAsync(user.Token)).Locked, "the profile shows the unlock");
    }

    [Fact]
    public async Task An_older_lock_event_arriving_late_does_not_undo_a_newer_one()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var t = DateTimeOffset.UtcNow.AddSeconds(1);

        await users.PublishAsync(new UserLockChanged(user.UserId, true, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = t.AddSeconds(10) });
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);   // the delivery, not a poll that could re-cache the old row
        Assert.True((await Api.ProfileOkAsync(user.Token)).Locked, "the lock arrived");
        await users.PublishAsync(new UserLockChanged(user.UserId, false, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = t });
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);

        Assert.True((await Api.ProfileOkAsync(user.Token)).Locked);
    }

    [Fact]
    public async Task A_lock_that_ran_out_no_longer_counts()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());
        var until = users.Now.AddMinutes(15);

        await users.PublishAsync(new UserLockChanged(user.UserId, true, until) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        await users.Host.Cluster.PubSub.WhenIdleAsync(Ct);   // the delivery, not a poll that could re-cache the old row
        Assert.True((await Api.ProfileOkAsync(user.Token)).Locked, "the lock arrived");
        users.Host.Clock!.Advance(TimeSpan.FromMinutes(16));

        var profile = await Api.ProfileOkAsync(users.TokenFor(user.TenantId, user.UserId));
        Assert.False(profile.Locked);
        Assert.Null(profile.LockedUntil);
    }

    [Fact]
    public async Task A_lock_that_arrives_before_the_registration_is_applied_once_the_profile_exists()
    {
        var user = users.NewUser(Guid.CreateVersion7());
        var registered = user.Registered();

        int Retries() => users.Host.Cluster.Calls.Where(appId: "users", api: "pubsub", operation: "deliver").Count(c => c.Outcome == "RETRY");
        var retriesBefore = Retries();

        await users.PublishAsync(new UserLockChanged(user.UserId, true, null) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = registered.OccurredAt.AddSeconds(1) });
        await Eventually.TrueAsync(() => Retries() > retriesBefore, "the early lock was sent back for redelivery");
        await users.PublishAsync(registered);

        await Eventually.TrueAsync(async () => await users.CountProfilesAsync(user.UserId) == 1 && (await Api.ProfileOkAsync(user.Token)).Locked,
            "the redelivered lock applied after the profile was created", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task UserRolesChanged_replaces_the_roles_staff_see()
    {
        var user = await users.RegisterAsync(Guid.CreateVersion7());

        await users.PublishAsync(new UserRolesChanged(user.UserId, ["customer", "admin"]) { TenantId = user.TenantId, CorrelationId = "c", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(1) });

        await Eventually.TrueAsync(async () => (await Api.ProfileOkAsync(user.Token)).Roles.Contains("admin"), "the new roles are on the profile");
    }
}
