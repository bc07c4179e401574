using Dapr.Workflow;
using DaprShop.Ordering.Saga.Activities;

namespace DaprShop.Ordering.Saga;

/// <summary>A forward step's answer, or, when its retry policy ran out, why (the step, the dependency, its last error).</summary>
internal readonly record struct Attempt<T>(T? Value, string? Unavailable);

/// <summary>A compensating activity and what it is called in a reason: the step and the dependency it calls.</summary>
internal sealed record Compensation(string Activity, string Step, string Dependency)
{
    public static readonly Compensation VoidPayment = new(nameof(VoidPaymentActivity), "void-payment", Downstream.AppIds.Payment);
    public static readonly Compensation SettlePayment = new(nameof(SettlePaymentActivity), "refund-or-void-payment", Downstream.AppIds.Payment);
    public static readonly Compensation CancelShipment = new(nameof(CancelShipmentActivity), "cancel-shipment", Downstream.AppIds.Shipping);
    public static readonly Compensation GiveBackStock = new(nameof(ReleaseStockActivity), "release-or-return-stock", Downstream.AppIds.Inventory);
}

/// <summary>How a saga ends once it gives back: the final status written, or none (the customer already cancelled).</summary>
internal sealed record Ending(string Outcome, string? Activity)
{
    public static readonly Ending Failed = new("failed", nameof(FailOrderActivity));
    public static readonly Ending Cancelled = new("cancelled", nameof(CancelOrderActivity));
    public static readonly Ending AlreadyCancelled = new("cancelled", null);
}

/// <summary>
/// The calls of the order workflows, with what happens when retries run out (docs/order-saga.md, "Failure and
/// compensation"). The SDK's retry policy throws <see cref="WorkflowTaskFailedException"/> after the last attempt; a
/// forward step turns that into a refusal naming the step and the dependency, so the saga compensates and ends the order
/// like any refusal. A compensation that runs out (or is refused) does not stop the others, and the order is then not
/// given a final status (that would claim money and stock were given back): <see cref="FlagAttentionActivity"/> flags
/// it for operators with what is left. Only if that last write fails too does the workflow itself fail. Replayed from
/// history like the orchestrator: no I/O here.
/// </summary>
internal sealed class SagaSteps(WorkflowContext context, OrderRef order, SagaRetries retries)
{
    public const string Ordering = "ordering";

    public async Task<Attempt<T>> ForwardAsync<T>(string activity, string step, string dependency, object input)
    {
        try
        {
            return new Attempt<T>(await context.CallActivityAsync<T>(activity, input, retries.Step), null);
        }
        catch (WorkflowTaskFailedException e)
        {
            return new Attempt<T>(default, Unavailable(step, dependency, retries.StepAttempts, e));
        }
    }

    /// <summary>
    /// Runs every compensation in the order given, then the ending's status write; all done → the outcome with
    /// <paramref name="reason"/>. Anything left undone → the order flagged for attention, its status as it was.
    /// </summary>
    public async Task<OrderSagaResult> EndAsync(string reason, Ending ending, params Compensation[] undo)
    {
        var left = new List<string>();
        foreach (var c in undo)
        {
            context.SetCustomStatus($"compensating: {c.Step}");
            if (await CompensateAsync(c.Activity, c.Step, c.Dependency, order) is { } problem) left.Add(problem);
        }
        if (left.Count == 0 && ending.Activity is { } finish
            && await CompensateAsync(finish, $"mark-{ending.Outcome}", Ordering, new FinishInput(order.TenantId, order.OrderId, reason)) is { } notMarked)
        {
            left.Add(notMarked);
        }
        if (left.Count > 0) return await FlagAsync($"{string.Join("; ", left)} (while ending the order: {reason})");

        context.SetCustomStatus(ending.Outcome);
        return new OrderSagaResult(ending.Outcome, reason);
    }

    async Task<string?> CompensateAsync(string activity, string step, string dependency, object input)
    {
        try
        {
            var result = await context.CallActivityAsync<StepResult>(activity, input, retries.Compensation);
            return result.Ok ? null : $"{step} refused: {result.Reason}";
        }
        catch (WorkflowTaskFailedException e)
        {
            return Unavailable(step, dependency, retries.CompensationAttempts, e);
        }
    }

    async Task<OrderSagaResult> FlagAsync(string why)
    {
        context.SetCustomStatus("needs-attention");
        try
        {
            await context.CallActivityAsync<StepResult>(nameof(FlagAttentionActivity), new AttentionInput(order.TenantId, order.OrderId, why),
                retries.Compensation);
        }
        catch (WorkflowTaskFailedException)
        {
            // Not even the flag could be written (ordering's own database): the workflow fails, visibly, in Dapr.
            context.SetCustomStatus($"needs-attention (not recorded): {why}");
            throw;
        }
        return new OrderSagaResult("needs-attention", why);
    }

    static string Unavailable(string step, string dependency, int attempts, WorkflowTaskFailedException e) =>
        $"{step}: {dependency} unavailable after {attempts} attempts ({e.FailureDetails.ErrorMessage})";
}
