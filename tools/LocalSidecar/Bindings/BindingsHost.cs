using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Bindings;
public sealed class BindingsHost(LocalDaprCluster cluster) : IAsyncDisposable
{
    internal Task OnAppConnectedAsync(AppSidecar sidecar, CancellationToken ct) => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    internal LocalDaprCluster Cluster => cluster;
}
