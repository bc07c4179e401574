using Dapr.Workflow;
using DaprShop.Contracts.Inventory;

namespace DaprShop.Ordering.Saga;

/// <summary>Everything the saga needs without a request (docs/order-saga.md, "Placing an order").</summary>
internal sealed record OrderSagaInput(
    Guid OrderId,
    Guid TenantId,
    Guid CustomerId,
    Guid ShippingAddressId,
    Guid BillingAddressId,
    string PaymentMethodToken,
    int PaymentResultTimeoutSeconds,
    SagaRetries? Retries = null);

/// <summary>
/// The workflow retry policies, carried in the input because the orchestrator reads no configuration mid-run (it is
/// replayed). Null in instances started before it existed: <see cref="Default"/>.
/// </summary>
internal sealed record SagaRetries(
    int StepAttempts, int StepFirstIntervalMs, int StepMaxIntervalMs,
    int CompensationAttempts, int CompensationFirstIntervalMs, int CompensationMaxIntervalMs)
{
    /// <summary>Steps about two minutes in all (outlasting a 30 s breaker); compensation about fifteen.</summary>
    public static readonly SagaRetries Default = new(8, 500, 30_000, 20, 1_000, 60_000);

    public WorkflowTaskOptions Step => Options(StepAttempts, StepFirstIntervalMs, StepMaxIntervalMs);

    public WorkflowTaskOptions Compensation => Options(CompensationAttempts, CompensationFirstIntervalMs, CompensationMaxIntervalMs);

    static WorkflowTaskOptions Options(int attempts, int firstMs, int maxMs) => new(new WorkflowRetryPolicy(
        maxNumberOfAttempts: attempts, firstRetryInterval: TimeSpan.FromMilliseconds(firstMs), backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMilliseconds(maxMs)));
}

/// <summary>The cancellation workflow's input (JSON-compatible with the <see cref="OrderRef"/> it took before).</summary>
internal sealed record CancellationInput(Guid TenantId, Guid OrderId, SagaRetries? Retries = null)
{
    public OrderRef Order => new(TenantId, OrderId);
}

/// <summary>What an activity acts on: the order of a tenant.</summary>
internal sealed record OrderRef(Guid TenantId, Guid OrderId);

/// <summary>A step's business answer: done, or refused for a reason people read (never an outage: that throws).</summary>
internal sealed record StepResult(bool Ok, string? Reason = null)
{
    public static readonly StepResult Done = new(true);

    public static StepResult Refused(string reason) => new(false, reason);
}

/// <summary>The order's lines priced by catalog: SKUs for inventory and the total for payment.</summary>
internal sealed record PricingResult(bool Ok, string? Reason, IReadOnlyList<StockLine> Stock, decimal Total, string Currency);

internal sealed record ReserveInput(Guid TenantId, Guid OrderId, IReadOnlyList<StockLine> Lines);

internal sealed record AuthorizeInput(OrderSagaInput Order, decimal Total, string Currency);

/// <summary>The payment's state after authorising: <c>authorized</c>, <c>pending</c> (a webhook will tell) or <c>failed</c>.</summary>
internal sealed record AuthorizeResult(string Status, string? Reason);

/// <summary>The external event <see cref="OrderSaga.PaymentResultEvent"/>: payment's asynchronous answer.</summary>
internal sealed record PaymentResult(bool Succeeded, string? Code, string? Reason);

internal sealed record FinishInput(Guid TenantId, Guid OrderId, string Reason);

/// <summary>An order operators must look at (a compensation ran out of retries): what is left and why.</summary>
internal sealed record AttentionInput(Guid TenantId, Guid OrderId, string Reason);

/// <summary>How the saga ended, for the workflow's output (the order row is the record people read).</summary>
internal sealed record OrderSagaResult(string Outcome, string? Reason);
