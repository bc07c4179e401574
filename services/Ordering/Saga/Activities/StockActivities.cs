using System.Net;
using Dapr.Workflow;
using DaprShop.Contracts.Inventory;
using DaprShop.Ordering.Downstream;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// inventory: hold every line for the order or none. Idempotent by order id at inventory (the same lines again are the
/// same reservation). Not enough stock refuses the order before any money is touched.
/// </summary>
internal sealed class ReserveStockActivity(ServiceInvoker invoker) : WorkflowActivity<ReserveInput, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, ReserveInput input)
    {
        var answer = await invoker.SendAsync(AppIds.Inventory, HttpMethod.Post, "/internal/v1/reservations", input.TenantId,
            new ReserveStockRequest(input.OrderId, input.Lines), CancellationToken.None);
        return answer.Status switch
        {
            HttpStatusCode.Created or HttpStatusCode.OK => StepResult.Done,
            // Not enough stock, or (after a re-pricing changed a SKU) the order is reserved with other lines.
            HttpStatusCode.Conflict => StepResult.Refused($"stock: {answer.ProblemDetail}"),
            _ => throw new DependencyUnavailableException(AppIds.Inventory, $"reserve answered {(int)answer.Status}: {answer.ProblemDetail}"),
        };
    }
}

/// <summary>
/// inventory: give back whatever the order holds or took. A held reservation is released; a committed one (the order
/// was confirmed and inventory committed it on <c>OrderConfirmed</c>) has its units returned on hand. Release first:
/// of it and the commit consumer, exactly one wins at inventory (both move from <c>held</c>), and a release that lost
/// is answered 409 <c>committed</c>, so the return follows; the return itself applies once (<c>committed → returned</c>).
/// No reservation (never made), one released, expired or returned: nothing left to give back. Keeps its registered
/// name from when it only released: workflow histories in flight name it.
/// </summary>
internal sealed class ReleaseStockActivity(ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input)
    {
        var released = await invoker.SendAsync(AppIds.Inventory, HttpMethod.Post, $"/internal/v1/reservations/{input.OrderId}/release",
            input.TenantId, null, CancellationToken.None);
        if (released.Status is HttpStatusCode.OK or HttpStatusCode.NotFound) return StepResult.Done;
        if (released.Status != HttpStatusCode.Conflict)
            throw new DependencyUnavailableException(AppIds.Inventory, $"release answered {(int)released.Status}: {released.ProblemDetail}");

        // Not held any more: committed (return it) or already returned (the return answers 200 again).
        var returned = await invoker.SendAsync(AppIds.Inventory, HttpMethod.Post, $"/internal/v1/reservations/{input.OrderId}/return",
            input.TenantId, null, CancellationToken.None);
        return returned.Status switch
        {
            HttpStatusCode.OK or HttpStatusCode.NotFound => StepResult.Done,
            // Neither releasable nor returnable: states only move forward, so this is not a race; say what inventory said.
            HttpStatusCode.Conflict => StepResult.Refused($"reservation neither released nor returned: {returned.ProblemDetail}"),
            _ => throw new DependencyUnavailableException(AppIds.Inventory, $"return answered {(int)returned.Status}: {returned.ProblemDetail}"),
        };
    }
}
