using Grpc.Core;
namespace DaprShop.LocalSidecar.Grpc;
public partial class DaprApiService { static void BindBindings(ServiceBinderBase b) { } }
