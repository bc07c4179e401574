using System.Net;
using Dapr.Workflow;
using DaprShop.Contracts.Shipping;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.Ordering.Downstream;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// shipping: one shipment for the order (idempotent by order id at shipping; a carrier outage only queues it there).
/// The order must be <c>processing</c> (the saga moved it before asking): read again after shipping answered, so a
/// customer's cancel that came first is seen here and the shipment is cancelled by the saga, and one that comes later
/// finds the shipment to cancel. Refused when the order was cancelled, or shipping holds another shipment for it.
/// </summary>
internal sealed class RequestShipmentActivity(IServiceScopeFactory scopes, ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<OrderingDb>();
            var order = await db.Orders.AsNoTracking().Where(o => o.Id == input.OrderId)
                .Select(o => new { o.Number, o.CustomerId, o.ShippingAddressId, o.Status, Lines = o.Lines.OrderBy(l => l.LineNo).Select(l => new { l.ProductId, l.Quantity }).ToList() })
                .SingleOrDefaultAsync();
            if (order is null) return StepResult.Refused("order missing");
            if (order.Status != OrderStatus.Processing.ToCode()) return StepResult.Refused($"order is {order.Status}");

            var answer = await invoker.SendAsync(AppIds.Shipping, HttpMethod.Post, ShippingRoutes.RequestShipment, input.TenantId,
                new RequestShipmentRequest(input.OrderId, order.Number, order.CustomerId, order.ShippingAddressId, ServiceLevels.Standard,
                    [.. order.Lines.Select(l => new ShipmentLineRequest(l.ProductId, l.Quantity))]),
                CancellationToken.None);
            if (answer.Status == HttpStatusCode.UnprocessableEntity) return StepResult.Refused($"shipment refused: {answer.ProblemDetail}");
            if (answer.Status is not (HttpStatusCode.Created or HttpStatusCode.OK))
                throw new DependencyUnavailableException(AppIds.Shipping, $"request shipment answered {(int)answer.Status}: {answer.ProblemDetail}");

            var now = await db.Orders.AsNoTracking().Where(o => o.Id == input.OrderId).Select(o => o.Status).SingleAsync();
            return now == OrderStatus.Processing.ToCode() ? StepResult.Done : StepResult.Refused($"order is {now}");
        });
}

/// <summary>
/// shipping: cancel the order's shipment before hand-over. No shipment (never requested) is nothing to cancel; one the
/// carrier has already is refused (409), and the order is flagged for operators: the parcel is on its way.
/// </summary>
internal sealed class CancelShipmentActivity(ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input)
    {
        var answer = await invoker.SendAsync(AppIds.Shipping, HttpMethod.Post, ShippingRoutes.CancelShipment(input.OrderId), input.TenantId,
            new CancelShipmentRequest("order cancelled"), CancellationToken.None);
        return answer.Status switch
        {
            HttpStatusCode.OK or HttpStatusCode.NotFound => StepResult.Done,
            HttpStatusCode.Conflict => StepResult.Refused($"the carrier has the parcel: {answer.ProblemDetail}"),
            _ => throw new DependencyUnavailableException(AppIds.Shipping, $"cancel shipment answered {(int)answer.Status}: {answer.ProblemDetail}"),
        };
    }
}
