using DaprShop.LocalSidecar.Cluster;
namespace DaprShop.LocalSidecar.Workflow;
public sealed class WorkflowBackend(LocalDaprCluster cluster) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    internal LocalDaprCluster Cluster => cluster;
}
