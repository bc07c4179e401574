using Dapr.Workflow;
using DaprShop.Contracts.Payment;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.Ordering.Saga;
using DaprShop.ServiceDefaults.Events;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.IntegrationEvents;

/// <summary>
/// payment's answer to an authorisation becomes the <see cref="OrderSaga.PaymentResultEvent"/> external event of the
/// order's saga (instance id = order id). Raised only for a pending order: the saga of any other has moved on. An event
/// raised before the saga waits is kept by the engine; the saga consumes the first and ignores a duplicate.
/// </summary>
internal sealed partial class PaymentResultRaiser(OrderingDb db, DaprWorkflowClient workflows, ILogger<PaymentResultRaiser> logger)
{
    public async Task RaiseAsync(Guid orderId, PaymentResult result, CancellationToken ct)
    {
        var status = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Status).SingleOrDefaultAsync(ct);
        if (status != OrderStatus.Pending.ToCode())
        {
            LogIgnored(logger, orderId, status ?? "unknown");
            return;
        }
        try
        {
            await workflows.RaiseEventAsync(orderId.ToString(), OrderSaga.PaymentResultEvent, result, ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            LogIgnored(logger, orderId, e.Status.Detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment result for order {OrderId} not raised: {State}")]
    static partial void LogIgnored(ILogger logger, Guid orderId, string state);
}

internal sealed class RaiseOnPaymentSucceeded(PaymentResultRaiser raiser) : IIntegrationEventHandler<PaymentSucceeded>
{
    public Task HandleAsync(PaymentSucceeded @event, CancellationToken ct) =>
        @event.Operation == PaymentOperations.Authorize
            ? raiser.RaiseAsync(@event.OrderId, new PaymentResult(true, null, null), ct)
            : Task.CompletedTask;
}

internal sealed class RaiseOnPaymentFailed(PaymentResultRaiser raiser) : IIntegrationEventHandler<PaymentFailed>
{
    public Task HandleAsync(PaymentFailed @event, CancellationToken ct) =>
        @event.Operation == PaymentOperations.Authorize
            ? raiser.RaiseAsync(@event.OrderId, new PaymentResult(false, @event.Code, $"payment declined: {@event.Reason}"), ct)
            : Task.CompletedTask;
}
