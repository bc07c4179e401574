using Dapr.Workflow;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.Saga.Activities;

/// <summary>Goes on only with a pending order: a saga started a second time for a finished order does nothing.</summary>
internal sealed class BeginSagaActivity(IServiceScopeFactory scopes) : WorkflowActivity<OrderRef, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var status = await sp.GetRequiredService<OrderingDb>().Orders.AsNoTracking()
                .Where(o => o.Id == input.OrderId).Select(o => o.Status).SingleOrDefaultAsync();
            return status == OrderStatus.Pending.ToCode() ? StepResult.Done : StepResult.Refused($"order is {status ?? "missing"}");
        });
}

/// <summary>Pending → Confirmed with <c>OrderConfirmed</c> (inventory commits the reservation on it). Refused when the customer cancelled first.</summary>
internal sealed class ConfirmOrderActivity(IServiceScopeFactory scopes) : WorkflowActivity<OrderRef, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var outcome = await sp.GetRequiredService<OrderCommands>()
                .TransitionAsync(input.OrderId, OrderStatus.Confirmed, "saga:confirm", null, CancellationToken.None);
            return outcome.Result is TransitionResult.Applied or TransitionResult.AlreadyThere
                ? StepResult.Done
                : StepResult.Refused($"order is {outcome.Current?.ToCode() ?? "missing"}");
        });
}

/// <summary>
/// Confirmed → Processing with <c>OrderProcessing</c>, before the shipment is requested (so no shipment exists for an
/// order that never reached it). Refused when the customer cancelled after the capture.
/// </summary>
internal sealed class ProcessOrderActivity(IServiceScopeFactory scopes) : WorkflowActivity<OrderRef, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, OrderRef input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var outcome = await sp.GetRequiredService<OrderCommands>()
                .TransitionAsync(input.OrderId, OrderStatus.Processing, "saga:request-shipment", null, CancellationToken.None);
            return outcome.Result is TransitionResult.Applied or TransitionResult.AlreadyThere
                ? StepResult.Done
                : StepResult.Refused($"order is {outcome.Current?.ToCode() ?? "missing"}");
        });
}

/// <summary>
/// Pending → Failed with the reason (and <c>OrderCancelled</c>). An order the customer cancelled meanwhile stays
/// cancelled; any other state (a confirm that applied although its activity failed) is refused, for an operator.
/// </summary>
internal sealed class FailOrderActivity(IServiceScopeFactory scopes) : WorkflowActivity<FinishInput, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, FinishInput input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var outcome = await sp.GetRequiredService<OrderCommands>()
                .TransitionAsync(input.OrderId, OrderStatus.Failed, "saga:failed", Reasons.Fit(input.Reason), CancellationToken.None);
            return outcome.Result is TransitionResult.Applied or TransitionResult.AlreadyThere || outcome.Current == OrderStatus.Cancelled
                ? StepResult.Done
                : StepResult.Refused($"order is {outcome.Current?.ToCode() ?? "missing"}, not failed");
        });
}

/// <summary>A confirmed order whose money could not be taken: → Cancelled with the reason (and <c>OrderCancelled</c>).</summary>
internal sealed class CancelOrderActivity(IServiceScopeFactory scopes) : WorkflowActivity<FinishInput, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, FinishInput input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var outcome = await sp.GetRequiredService<OrderCommands>()
                .TransitionAsync(input.OrderId, OrderStatus.Cancelled, "saga:compensated", Reasons.Fit(input.Reason), CancellationToken.None);
            return outcome.Result is TransitionResult.Applied or TransitionResult.AlreadyThere
                ? StepResult.Done
                : StepResult.Refused($"order is {outcome.Current?.ToCode() ?? "missing"}, not cancelled");
        });
}

/// <summary>
/// The saga's last word when it could not finish: flags the order for operators with what is left and why. One
/// conditional UPDATE (a repeat writes the same); the first flag's time is kept, and a flag an admin resolved starts
/// over. The status is not touched: it says what is true, and "failed" or "cancelled" would claim the money and stock
/// were given back.
/// </summary>
internal sealed class FlagAttentionActivity(IServiceScopeFactory scopes) : WorkflowActivity<AttentionInput, StepResult>
{
    public override Task<StepResult> RunAsync(WorkflowActivityContext context, AttentionInput input) =>
        scopes.RunAsync(input.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<OrderingDb>();
            var tenantId = db.RequireTenant();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var reason = Reasons.Fit(input.Reason);
            var flagged = await db.Database.ExecuteSqlAsync($"""
                UPDATE orders SET attention_at = CASE WHEN needs_attention THEN attention_at ELSE {now} END, needs_attention = TRUE,
                                  attention_reason = {reason}, attention_resolved_at = NULL, attention_resolved_by = NULL,
                                  attention_resolution = NULL, updated_at = {now}
                 WHERE tenant_id = {tenantId} AND id = {input.OrderId}
                """);
            return flagged == 1 ? StepResult.Done : StepResult.Refused("order missing");
        });
}

internal static class Reasons
{
    public const int MaxLength = 500;

    /// <summary>A reason as the status column keeps it (a callee's detail may be long).</summary>
    public static string Fit(string reason) => reason.Length <= MaxLength ? reason : reason[..MaxLength];
}
