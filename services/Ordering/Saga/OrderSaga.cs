using Dapr.Workflow;
using DaprShop.Contracts.Payment;
using DaprShop.Ordering.Downstream;
using DaprShop.Ordering.Saga.Activities;

namespace DaprShop.Ordering.Saga;

/// <summary>
/// The order saga (docs/order-saga.md), instance id = order id: validate the buyer → price the lines → reserve stock →
/// authorise payment (waiting for payment's asynchronous answer with a timeout) → confirm → capture → processing →
/// request shipment. A refusal, or a step whose retries ran out, compensates in reverse and ends the order
/// <c>Failed</c> (or <c>Cancelled</c> once confirmed) with the reason; a compensation that cannot finish leaves the
/// order flagged for operators (<see cref="SagaSteps"/>). The saga ends with the shipment requested; shipping's events
/// move the order on to Shipped and Delivered (IntegrationEvents). This code is replayed from history: it only decides;
/// the activities do the I/O.
/// </summary>
internal sealed class OrderSaga : Workflow<OrderSagaInput, OrderSagaResult>
{
    public const string PaymentResultEvent = "PaymentResult";

    public override async Task<OrderSagaResult> RunAsync(WorkflowContext context, OrderSagaInput input)
    {
        var order = new OrderRef(input.TenantId, input.OrderId);
        var steps = new SagaSteps(context, order, input.Retries ?? SagaRetries.Default);

        // A saga started twice (the placement and the OrderCreated backstop racing) finds the order already past it.
        var begun = await steps.ForwardAsync<StepResult>(nameof(BeginSagaActivity), "begin", SagaSteps.Ordering, order);
        if (begun.Unavailable is { } down) return await steps.EndAsync(down, Ending.Failed);
        if (!begun.Value!.Ok) return new OrderSagaResult("skipped", "the order is no longer pending");

        context.SetCustomStatus("validating");
        var buyer = await steps.ForwardAsync<StepResult>(nameof(ValidateBuyerActivity), "validate-buyer", AppIds.Users, input);
        if ((buyer.Unavailable ?? Refusal(buyer.Value!)) is { } invalid) return await steps.EndAsync(invalid, Ending.Failed);

        context.SetCustomStatus("pricing");
        var priced = await steps.ForwardAsync<PricingResult>(nameof(PriceLinesActivity), "price-lines", AppIds.Catalog, order);
        if ((priced.Unavailable ?? (priced.Value!.Ok ? null : priced.Value.Reason ?? "refused")) is { } unpriced)
            return await steps.EndAsync(unpriced, Ending.Failed);
        var pricing = priced.Value!;

        context.SetCustomStatus("reserving");
        var reserved = await steps.ForwardAsync<StepResult>(nameof(ReserveStockActivity), "reserve-stock", AppIds.Inventory,
            new ReserveInput(input.TenantId, input.OrderId, pricing.Stock));
        // Out of retries, the hold may still have been made (a call that timed out after inventory committed): release it.
        if (reserved.Unavailable is { } noStock) return await steps.EndAsync(noStock, Ending.Failed, Compensation.GiveBackStock);
        // Refused: all or nothing at inventory, so nothing is held.
        if (Refusal(reserved.Value!) is { } refusedStock) return await steps.EndAsync(refusedStock, Ending.Failed);

        context.SetCustomStatus("authorizing");
        var auth = await steps.ForwardAsync<AuthorizeResult>(nameof(AuthorizePaymentActivity), "authorize-payment", AppIds.Payment,
            new AuthorizeInput(input, pricing.Total, pricing.Currency));
        var refusal = auth.Unavailable ?? auth.Value!.Status switch
        {
            PaymentStatuses.Authorized => null,
            PaymentStatuses.Pending => await AwaitPaymentAsync(context, input),
            _ => auth.Value.Reason ?? "payment refused",
        };
        if (refusal is not null) return await steps.EndAsync(refusal, Ending.Failed, Compensation.VoidPayment, Compensation.GiveBackStock);

        context.SetCustomStatus("confirming");
        var confirmed = await steps.ForwardAsync<StepResult>(nameof(ConfirmOrderActivity), "confirm", SagaSteps.Ordering, order);
        if (confirmed.Unavailable is { } unconfirmed)
            return await steps.EndAsync(unconfirmed, Ending.Failed, Compensation.VoidPayment, Compensation.GiveBackStock);
        // Cancelled by the customer while the saga ran: give back what was taken; the order is cancelled already.
        if (Refusal(confirmed.Value!) is { } cancelled)
            return await steps.EndAsync(cancelled, Ending.AlreadyCancelled, Compensation.VoidPayment, Compensation.GiveBackStock);

        context.SetCustomStatus("capturing");
        var captured = await steps.ForwardAsync<StepResult>(nameof(CapturePaymentActivity), "capture-payment", AppIds.Payment, order);
        // The order was confirmed, so inventory may have committed the stock by now: giving back releases or returns it.
        // Out of retries, the capture may have gone through: refund it if so, else void.
        if (captured.Unavailable is { } uncaptured)
            return await steps.EndAsync(uncaptured, Ending.Cancelled, Compensation.SettlePayment, Compensation.GiveBackStock);
        if (Refusal(captured.Value!) is { } notCaptured)
            return await steps.EndAsync(notCaptured, Ending.Cancelled, Compensation.VoidPayment, Compensation.GiveBackStock);

        context.SetCustomStatus("processing");
        var processing = await steps.ForwardAsync<StepResult>(nameof(ProcessOrderActivity), "process", SagaSteps.Ordering, order);
        if (processing.Unavailable is { } unprocessed)
            return await steps.EndAsync(unprocessed, Ending.Cancelled, Compensation.SettlePayment, Compensation.GiveBackStock);
        // Cancelled by the customer after the capture: the cancellation gives back too; whichever is second finds it done.
        if (Refusal(processing.Value!) is { } cancelledAfterCapture)
            return await steps.EndAsync(cancelledAfterCapture, Ending.AlreadyCancelled, Compensation.SettlePayment, Compensation.GiveBackStock);

        context.SetCustomStatus("requesting-shipment");
        var shipment = await steps.ForwardAsync<StepResult>(nameof(RequestShipmentActivity), "request-shipment", AppIds.Shipping, order);
        // Out of retries, the shipment may exist (a call that timed out after shipping created it): cancel it if so.
        if (shipment.Unavailable is { } unshipped)
            return await steps.EndAsync(unshipped, Ending.Cancelled, Compensation.CancelShipment, Compensation.SettlePayment, Compensation.GiveBackStock);
        // Refused by shipping, or the customer cancelled meanwhile (marking an order cancelled again changes nothing).
        if (Refusal(shipment.Value!) is { } notShipped)
            return await steps.EndAsync(notShipped, Ending.Cancelled, Compensation.CancelShipment, Compensation.SettlePayment, Compensation.GiveBackStock);

        context.SetCustomStatus("shipment-requested");
        return new OrderSagaResult("processing", null);
    }

    static string? Refusal(StepResult result) => result.Ok ? null : result.Reason ?? "refused";

    /// <summary>Waits for payment's asynchronous answer; null when it approved, else the refusal (a timeout is one).</summary>
    static async Task<string?> AwaitPaymentAsync(WorkflowContext context, OrderSagaInput input)
    {
        context.SetCustomStatus("awaiting-payment");
        try
        {
            var result = await context.WaitForExternalEventAsync<PaymentResult>(PaymentResultEvent,
                TimeSpan.FromSeconds(input.PaymentResultTimeoutSeconds));
            return result.Succeeded ? null : result.Reason ?? result.Code ?? "payment declined";
        }
        catch (TaskCanceledException)
        {
            return "payment timed out";
        }
    }
}
