using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.PubSub;

public sealed class PubSubBroker(LocalDaprCluster cluster) : IAsyncDisposable
{
    public IReadOnlyList<SubscriptionSpec> SubscriptionsOf(string appId) => [];
    internal Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct) => Task.CompletedTask;
    internal void OnAppBroughtUp(AppSidecar sidecar) { }
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    internal LocalDaprCluster Cluster => cluster;
}
