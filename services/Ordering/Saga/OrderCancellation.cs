using Dapr.Workflow;

namespace DaprShop.Ordering.Saga;

/// <summary>
/// A customer's cancellation (instance id <c>&lt;orderId&gt;-cancel</c>): the shipment cancelled before hand-over (a
/// parcel the carrier has already leaves the order flagged for operators), the money back (refund a capture, void an
/// authorisation) and the stock back (release a held reservation, return the units of a committed one). The order is
/// already <c>Cancelled</c> (the cancel route moved it, with <c>OrderCancelled</c>); this gives back what the saga took.
/// A saga still running at the time finds the order cancelled and gives back too; whichever acts second finds the
/// payment and the reservation settled. Racing inventory's <c>OrderConfirmed</c> commit, the release or the return
/// wins at inventory, never both. What cannot be given back flags the order for operators.
/// </summary>
internal sealed class OrderCancellation : Workflow<CancellationInput, OrderSagaResult>
{
    public static string InstanceIdOf(Guid orderId) => $"{orderId}-cancel";

    public override async Task<OrderSagaResult> RunAsync(WorkflowContext context, CancellationInput input)
    {
        var steps = new SagaSteps(context, input.Order, input.Retries ?? SagaRetries.Default);
        return await steps.EndAsync("cancelled by customer", Ending.AlreadyCancelled,
            Compensation.CancelShipment, Compensation.SettlePayment, Compensation.GiveBackStock);
    }
}
