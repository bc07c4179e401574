using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShop.ServiceDefaults.Health;

/// <summary>Ready only while the Dapr sidecar answers its health endpoint: without it the service can do nothing useful.</summary>
internal sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dapr.CheckHealthAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "the Dapr sidecar is not healthy");
}
