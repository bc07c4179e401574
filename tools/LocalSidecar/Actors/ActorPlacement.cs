using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

public sealed class ActorPlacement(LocalDaprCluster cluster) : IAsyncDisposable
{
    public IReadOnlyList<string> TypesHostedBy(string appId) => [];
    public int ActiveCount(string actorType) => 0;
    internal Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct) => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    internal LocalDaprCluster Cluster => cluster;
}
