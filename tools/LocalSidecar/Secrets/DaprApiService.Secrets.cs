using Grpc.Core;
namespace DaprShop.LocalSidecar.Grpc;
public partial class DaprApiService { static void BindSecrets(ServiceBinderBase b) { } }
