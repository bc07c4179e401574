using DaprShop.LocalSidecar.Cluster;
using Grpc.Core;
namespace DaprShop.LocalSidecar.Workflow;
[BindServiceMethod(typeof(TaskHubService), nameof(BindService))]
public class TaskHubService
{
    public AppSidecar Sidecar { get; set; } = null!;
    public static void BindService(ServiceBinderBase binder, TaskHubService? service) { }
}
