using System.Net;
using Dapr.Workflow;
using DaprShop.Contracts.Payment;
using DaprShop.Ordering.Downstream;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>
/// payment: authorise the total on the customer's payment-method token. One payment per order id at payment and towards
/// the card provider, so a repeat answers the first payment. A decline is an answer (<c>failed</c>), not an error.
/// </summary>
internal sealed class AuthorizePaymentActivity(ServiceInvoker invoker) : WorkflowActivity<AuthorizeInput, AuthorizeResult>
{
    public override async Task<AuthorizeResult> RunAsync(WorkflowActivityContext context, AuthorizeInput input)
    {
        var o = input.Order;
        var answer = await invoker.SendAsync(AppIds.Payment, HttpMethod.Post, PaymentRoutes.Authorize, o.TenantId,
            new AuthorizePaymentRequest(o.OrderId, o.CustomerId, new MoneyAmount(input.Total, input.Currency), o.PaymentMethodToken),
            CancellationToken.None);
        if (answer.Status == HttpStatusCode.UnprocessableEntity)
            return new AuthorizeResult(PaymentStatuses.Failed, $"payment refused: {answer.ProblemDetail}");
        if (!answer.IsSuccess)
            throw new DependencyUnavailableException(AppIds.Payment, $"authorise answered {(int)answer.Status}: {answer.ProblemDetail}");
        var payment = answer.Read<PaymentResponse>();
        return payment.Status switch
        {
            PaymentStatuses.Authorized or PaymentStatuses.Pending or PaymentStatuses.Failed =>
                new AuthorizeResult(payment.Status, payment.FailureReason ?? payment.FailureCode),
            // authorizing: the provider has not answered yet; the same request again resumes it.
            _ => throw new DependencyUnavailableException(AppIds.Payment, $"payment is {payment.Status}; asking again"),
        };
    }
}

/// <summary>payment: take the authorised amount, exactly once (payment's conditional state moves and the provider's idempotency key).</summary>
internal sealed class CapturePaymentActivity(ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input)
    {
        var answer = await invoker.SendAsync(AppIds.Payment, HttpMethod.Post, PaymentRoutes.Capture(input.OrderId), input.TenantId,
            new CapturePaymentRequest(null), CancellationToken.None);
        if (answer.Status == HttpStatusCode.Conflict) return StepResult.Refused($"capture refused: {answer.ProblemDetail}");
        if (!answer.IsSuccess)
            throw new DependencyUnavailableException(AppIds.Payment, $"capture answered {(int)answer.Status}: {answer.ProblemDetail}");
        var payment = answer.Read<PaymentResponse>();
        return payment.Status switch
        {
            PaymentStatuses.Captured or PaymentStatuses.PartiallyRefunded or PaymentStatuses.Refunded => StepResult.Done,
            PaymentStatuses.Failed => StepResult.Refused($"capture failed: {payment.FailureReason ?? payment.FailureCode}"),
            _ => throw new DependencyUnavailableException(AppIds.Payment, $"payment is {payment.Status} after capture; asking again"),
        };
    }
}

/// <summary>
/// payment: release an authorisation (also a pending one, so a late approval holds nothing). Idempotent; an order with no
/// payment has nothing to void; a failed or voided payment holds nothing.
/// </summary>
internal sealed class VoidPaymentActivity(ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input)
    {
        var answer = await invoker.SendAsync(AppIds.Payment, HttpMethod.Post, PaymentRoutes.Void(input.OrderId), input.TenantId,
            null, CancellationToken.None);
        return answer.Status switch
        {
            HttpStatusCode.OK or HttpStatusCode.NotFound => StepResult.Done,
            // Captured: only a refund gives it back (the cancellation workflow's job).
            HttpStatusCode.Conflict => StepResult.Refused($"void refused: {answer.ProblemDetail}"),
            _ => throw new DependencyUnavailableException(AppIds.Payment, $"void answered {(int)answer.Status}: {answer.ProblemDetail}"),
        };
    }
}

/// <summary>
/// A cancelled order's money goes back, whatever the payment's state: a captured payment is refunded in full (the
/// order id names the refund, so a repeat is the same refund), a held one voided, one in flight asked again later (the
/// activity fails and its retry policy runs it again), a failed or voided one needs nothing.
/// </summary>
internal sealed class SettlePaymentActivity(ServiceInvoker invoker) : WorkflowActivity<OrderRef, StepResult>
{
    public override async Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input)
    {
        var read = await invoker.SendAsync(AppIds.Payment, HttpMethod.Get, PaymentRoutes.Payment(input.OrderId), input.TenantId, null, CancellationToken.None);
        if (read.Status == HttpStatusCode.NotFound) return StepResult.Done;
        if (!read.IsSuccess) throw new DependencyUnavailableException(AppIds.Payment, $"read answered {(int)read.Status}");
        var payment = read.Read<PaymentResponse>();
        switch (payment.Status)
        {
            case PaymentStatuses.Failed or PaymentStatuses.Voided or PaymentStatuses.Refunded:
                return StepResult.Done;
            case PaymentStatuses.Authorized or PaymentStatuses.Pending:
                var voided = await invoker.SendAsync(AppIds.Payment, HttpMethod.Post, PaymentRoutes.Void(input.OrderId), input.TenantId, null, CancellationToken.None);
                // 409: captured meanwhile (the saga won the race): the next attempt refunds.
                return voided.IsSuccess ? StepResult.Done : throw new DependencyUnavailableException(AppIds.Payment, $"void answered {(int)voided.Status}");
            case PaymentStatuses.Captured or PaymentStatuses.PartiallyRefunded:
                var remaining = payment.CapturedAmount - payment.RefundedAmount;
                var refund = await invoker.SendAsync(AppIds.Payment, HttpMethod.Post, PaymentRoutes.Refunds(input.OrderId), input.TenantId,
                    new RefundPaymentRequest(new MoneyAmount(remaining, payment.Amount.Currency), "order cancelled"), CancellationToken.None,
                    idempotencyKey: $"cancel-{input.OrderId}");
                return refund.IsSuccess ? StepResult.Done : throw new DependencyUnavailableException(AppIds.Payment, $"refund answered {(int)refund.Status}");
            default:
                throw new DependencyUnavailableException(AppIds.Payment, $"payment is {payment.Status}; settling later");
        }
    }
}
