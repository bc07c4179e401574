using Dapr.Workflow;
using DaprShop.Ordering.Placement;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DaprShop.Ordering.Saga;

/// <summary>
/// Starts an order's saga (instance id = order id) unless an instance exists. Called after the placement commits, and
/// again by the <c>OrderCreated</c> backstop, so an order whose process died between commit and start still gets its
/// saga. The saga itself does nothing for an order that is no longer pending, so a rare double start is harmless.
/// Each instance takes the configured retry policies in its input (the orchestrator reads no configuration).
/// </summary>
internal sealed partial class SagaStarter(DaprWorkflowClient workflows, IOptions<OrderingOptions> options, ILogger<SagaStarter> logger)
{
    public Task StartSagaAsync(OrderSagaInput input, CancellationToken ct) =>
        StartAsync(nameof(OrderSaga), input.OrderId.ToString(), input with { Retries = options.Value.SagaRetries.ToPolicy() }, ct);

    public Task StartCancellationAsync(OrderRef order, CancellationToken ct) =>
        StartAsync(nameof(OrderCancellation), OrderCancellation.InstanceIdOf(order.OrderId),
            new CancellationInput(order.TenantId, order.OrderId, options.Value.SagaRetries.ToPolicy()), ct);

    async Task StartAsync(string workflow, string instanceId, object input, CancellationToken ct)
    {
        if ((await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: false, cancellation: ct)) is { Exists: true }) return;
        try
        {
            await workflows.ScheduleNewWorkflowAsync(workflow, instanceId, input);
        }
        catch (RpcException e) when (e.Status.Detail.Contains("already exists", StringComparison.Ordinal))
        {
            LogAlreadyRunning(logger, instanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Workflow {InstanceId} was started by someone else meanwhile")]
    static partial void LogAlreadyRunning(ILogger logger, string instanceId);
}
