using Dapr;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;

namespace DaprShop.LocalSidecar.Tests.Configuration;

public sealed class ConfigurationConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_returns_the_requested_items_with_versions()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "gateway");
        cluster.ConfigurationStores["configstore"].Set("features:checkout-v2", "on");
        cluster.ConfigurationStores["configstore"].Set("features:reviews", "off");

        var one = await app.Dapr.GetConfiguration("configstore", ["features:checkout-v2"], cancellationToken: Ct);
        var all = await app.Dapr.GetConfiguration("configstore", [], cancellationToken: Ct);

        Assert.Equal("on", one.Items["features:checkout-v2"].Value);
        Assert.Single(one.Items);
        Assert.Equal(2, all.Items.Count);
        Assert.NotEqual(all.Items["features:checkout-v2"].Version, all.Items["features:reviews"].Version);
    }

    [Fact]
    public async Task A_configuration_change_reaches_a_subscriber_of_that_key()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "gateway");
        var store = cluster.ConfigurationStores["configstore"];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(10));

        var subscription = await app.Dapr.SubscribeConfiguration("configstore", ["features:checkout-v2"], cancellationToken: cts.Token);
        var updates = subscription.Source.GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync()); // daprd's first message: the subscription id
        await Eventually.TrueAsync(() => store.SubscriberCount == 1, "the subscription is registered");
        store.Set("features:other", "ignored");
        store.Set("features:checkout-v2", "on");
        Assert.True(await updates.MoveNextAsync());

        Assert.Equal(["features:checkout-v2"], updates.Current.Keys);
        Assert.Equal("on", updates.Current["features:checkout-v2"].Value);
        Assert.False(string.IsNullOrEmpty(subscription.Id));
        await updates.DisposeAsync();
    }

    [Fact]
    public async Task Unsubscribe_ends_the_subscription()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "gateway");
        var store = cluster.ConfigurationStores["configstore"];
        var subscription = await app.Dapr.SubscribeConfiguration("configstore", [], cancellationToken: Ct);
        var updates = subscription.Source.GetAsyncEnumerator(Ct);
        Assert.True(await updates.MoveNextAsync());
        Assert.Empty(updates.Current); // reading the first message is what gives the SDK the subscription id

        var result = await app.Dapr.UnsubscribeConfiguration("configstore", subscription.Id, Ct);

        Assert.True(result.Ok);
        Assert.Equal(0, store.SubscriberCount);
        Assert.False(await updates.MoveNextAsync());
    }

    [Fact]
    public async Task An_unknown_configuration_store_is_an_error()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "gateway");

        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.GetConfiguration("nostore", [], cancellationToken: Ct));
    }
}
