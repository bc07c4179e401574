using DaprShop.Identity.Tests.Support;
using DaprShop.Testing;
using static DaprShop.Identity.Tests.Support.TenantBuilder;

namespace DaprShop.Identity.Tests;

public sealed class IdentityWithSubscriber : IAsyncLifetime
{
    public IdentityService Identity { get; } = new() { Subscribers = [WelcomeSubscriber.AppId] };
    public WelcomeSubscriber Subscriber { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Identity.InitializeAsync();
        if (!Identity.Database.IsAvailable) return;
        Subscriber = await WelcomeSubscriber.StartAsync(Identity.Host.Dapr, Identity.Database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (Subscriber is not null) await Subscriber.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary><c>UserRegistered</c> on <c>user-events</c>, as a consuming service receives it through the sidecar.</summary>
public sealed class UserEventsTests(IdentityWithSubscriber fixture) : IClassFixture<IdentityWithSubscriber>
{
    const string Password = "Correct-horse-9!";
    IdentityApi Api => fixture.Identity.Api;
    WelcomeSubscriber Subscriber => fixture.Subscriber;

    async Task<TestTenant> AnOpenTenantAsync()
    {
        var tenant = await Api.CreateTenantAsync(ATenant().WithSelfSignUp());
        await Eventually.TrueAsync(() => Subscriber.For(tenant.AdminEmail).Any(), "the tenant admin's UserRegistered arrived");
        await fixture.Identity.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);
        return tenant;
    }

    [Fact]
    public async Task A_sign_up_is_delivered_once_as_UserRegistered()
    {
        var tenant = await AnOpenTenantAsync();
        var email = Emails.Unique();

        var user = await Api.SignUpOkAsync(tenant.Id, email, Password);

        await Eventually.TrueAsync(() => Subscriber.For(email).Any(), "UserRegistered arrived");
        await fixture.Identity.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);
        var delivery = Assert.Single(Subscriber.For(email));
        Assert.Equal(user.Id, delivery.Event.UserId);
        Assert.Equal(tenant.Id, delivery.Event.TenantId);
        Assert.Equal(["customer"], delivery.Event.Roles);
        Assert.NotEqual(Guid.Empty, delivery.Event.EventId);
        Assert.False(string.IsNullOrEmpty(delivery.Event.CorrelationId));
    }

    [Fact]
    public async Task A_duplicated_delivery_is_applied_only_once()
    {
        var tenant = await AnOpenTenantAsync();
        var email = Emails.Unique();
        fixture.Identity.Host.Cluster.Faults.DuplicateNextDelivery("user-events");

        var user = await Api.SignUpOkAsync(tenant.Id, email, Password);

        await Eventually.TrueAsync(() => Subscriber.For(email).Count() == 2, "the event and its duplicate arrived");
        var deliveries = Subscriber.For(email).ToList();
        Assert.Equal(deliveries[0].Event.EventId, deliveries[1].Event.EventId);
        Assert.Equal(1, deliveries.Count(d => d.Applied));
        Assert.Equal(1, await Subscriber.WelcomedCountAsync(user.Id));
    }

    [Fact]
    public async Task A_sign_up_committed_while_pub_sub_is_down_is_still_delivered_once_it_recovers()
    {
        var tenant = await AnOpenTenantAsync();
        var email = Emails.Unique();
        var cluster = fixture.Identity.Host.Cluster;
        cluster.Faults.FailNextPublishes(1, "user-events");

        var user = await Api.SignUpOkAsync(tenant.Id, email, Password);

        // The outbox relay's first attempt meets the outage and schedules a retry (on identity's clock)...
        await Eventually.TrueAsync(async () => await fixture.Identity.Database.ScalarAsync<long>(
            "select count(*) from outbox_messages where \"SentAt\" is null and \"Attempts\" > 0") == 1, "the failed send was recorded for retry");
        Assert.Contains(cluster.Calls.Where(api: "pubsub", operation: "publish"), c => c.Outcome.Contains("injected", StringComparison.Ordinal));
        // ...which is due once its back-off has passed.
        fixture.Identity.Host.Clock!.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => Subscriber.For(email).Any(), "UserRegistered arrived after the outage", TimeSpan.FromSeconds(20));
        Assert.Equal(user.Id, Assert.Single(Subscriber.For(email)).Event.UserId);
    }
}
