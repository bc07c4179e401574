using System.Linq.Expressions;
using DaprShop.Contracts;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Apis;
using DaprShop.Payment.Data;
using DaprShop.Payment.Domain;
using DaprShop.Payment.Providers;
using DaprShop.Payment.Webhooks;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using PaymentRow = DaprShop.Payment.Domain.Payment;

namespace DaprShop.Payment.Processing;

/// <summary>
/// Authorise, capture, void and refund for the tenant in context, each exactly once however often it is asked.
/// Three things make it so: one payment row per (tenant, order id) by a unique index; every state move a conditional
/// UPDATE (<c>WHERE state = 'authorized'</c>) whose winner alone stages the event, in the same transaction; and every
/// provider call carrying an idempotency key made of tenant, order and operation, so a retry after a crash (the
/// provider acted, our row did not move yet) gets the provider's first answer instead of a second charge.
/// </summary>
internal sealed class PaymentProcessor(PaymentDb db, IPaymentProvider provider, IntegrationEventOutbox events, ITenantContext tenant, TimeProvider clock)
{
    Guid TenantId => tenant.TenantId ?? throw new TenantIsolationException("no tenant in context");

    /// <summary>The provider's idempotency key of an operation on an order's payment.</summary>
    public static string ProviderKey(Guid tenantId, Guid orderId, string operation) => $"{tenantId:N}:{orderId:N}:{operation}";

    public Task<PaymentRow?> FindByOrderAsync(Guid orderId, CancellationToken ct) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == orderId, ct);

    public async Task<Processed<PaymentRow>> AuthorizeAsync(AuthorizePaymentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var amount = request.Amount!;
        var method = await db.PaymentMethods.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Token == request.PaymentMethodToken && m.CustomerId == request.CustomerId, ct);
        var created = false;
        var payment = await FindByOrderAsync(request.OrderId, ct);
        if (payment is null)
        {
            if (method is null) return PaymentProblems.UnknownPaymentMethod();
            var now = clock.GetUtcNow();
            payment = new PaymentRow
            {
                Id = Guid.CreateVersion7(),
                OrderId = request.OrderId,
                CustomerId = request.CustomerId,
                PaymentMethodId = method.Id,
                CardBrand = method.Brand,
                CardLast4 = method.Last4,
                Amount = amount.Amount,
                Currency = amount.Currency,
                State = PaymentState.Authorizing,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Payments.Add(payment);
            try
            {
                await db.SaveChangesAsync(ct);
                created = true;
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                db.ChangeTracker.Clear();
                payment = await FindByOrderAsync(request.OrderId, ct) ?? throw new InvalidOperationException("the winning payment row vanished");
            }
        }

        if (!created && (payment.Amount != amount.Amount || payment.Currency != amount.Currency || payment.CustomerId != request.CustomerId ||
                         payment.PaymentMethodId != method?.Id))
        {
            return PaymentProblems.OrderPaidDifferently(request.OrderId);
        }

        if (payment.State == PaymentState.Authorizing)
        {
            var metadata = new Dictionary<string, string>
            {
                [WebhookMetadata.TenantId] = TenantId.ToString(),
                [WebhookMetadata.OrderId] = payment.OrderId.ToString(),
            };
            var result = await provider.AuthorizeAsync(new AuthorizeCommand(method!.Token, payment.Amount, payment.Currency, metadata),
                ProviderKey(TenantId, payment.OrderId, "authorize"), ct);
            await ApplyAuthorizationAsync(payment.Id, result, fromWebhook: false, ct);
            payment = await ReloadAsync(payment.Id, ct);
        }

        return new(payment, created, null);
    }

    /// <summary>
    /// Moves an authorising or pending payment to the provider's answer (at once, or from a webhook), and announces it.
    /// False when the payment had moved on already (a late or duplicate answer changes nothing).
    /// </summary>
    public Task<bool> ApplyAuthorizationAsync(Guid paymentId, ProviderResult result, bool fromWebhook, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reference = result.Reference;
        Expression<Func<PaymentRow, bool>> awaiting = fromWebhook
            ? p => p.State == PaymentState.Authorizing || (p.State == PaymentState.Pending && p.ProviderReference == reference)
            : p => p.State == PaymentState.Authorizing;
        return result.Outcome switch
        {
            ProviderOutcome.Succeeded => TransitionAsync(paymentId, awaiting, s => s
                    .SetProperty(p => p.State, PaymentState.Authorized)
                    .SetProperty(p => p.AuthorizedAmount, p => p.Amount)
                    .SetProperty(p => p.ProviderReference, reference)
                    .SetProperty(p => p.UpdatedAt, now),
                p => new PaymentSucceeded(p.Id, p.OrderId, p.CustomerId, PaymentOperations.Authorize, new MoneyAmount(p.Amount, p.Currency)), ct),
            ProviderOutcome.Pending => TransitionAsync(paymentId, p => p.State == PaymentState.Authorizing, s => s
                    .SetProperty(p => p.State, PaymentState.Pending)
                    .SetProperty(p => p.ProviderReference, reference)
                    .SetProperty(p => p.UpdatedAt, now),
                null, ct),
            _ => TransitionAsync(paymentId, awaiting, s => s
                    .SetProperty(p => p.State, PaymentState.Failed)
                    .SetProperty(p => p.ProviderReference, reference)
                    .SetProperty(p => p.FailureCode, result.DeclineCode)
                    .SetProperty(p => p.FailureReason, result.DeclineMessage)
                    .SetProperty(p => p.UpdatedAt, now),
                p => new PaymentFailed(p.Id, p.OrderId, p.CustomerId, PaymentOperations.Authorize, p.FailureCode ?? "declined",
                    p.FailureReason ?? "The payment was declined.", new MoneyAmount(p.Amount, p.Currency)), ct),
        };
    }

    public async Task<Processed<PaymentRow>> CaptureAsync(Guid orderId, MoneyAmount? requested, CancellationToken ct)
    {
        if (await FindByOrderAsync(orderId, ct) is not { } payment) return PaymentProblems.PaymentNotFound(orderId);
        if (requested is not null && requested.Currency != payment.Currency) return PaymentProblems.CurrencyMismatch(payment.Currency);

        if (payment.State == PaymentState.Authorized)
        {
            var amount = requested?.Amount ?? payment.AuthorizedAmount;
            if (amount > payment.AuthorizedAmount) return PaymentProblems.CaptureExceedsAuthorization(payment.AuthorizedAmount, payment.Currency);
            var now = clock.GetUtcNow();
            await TransitionAsync(payment.Id, p => p.State == PaymentState.Authorized, s => s
                .SetProperty(p => p.State, PaymentState.Capturing)
                .SetProperty(p => p.CaptureAmount, amount)
                .SetProperty(p => p.UpdatedAt, now), null, ct);
            payment = await ReloadAsync(payment.Id, ct);
        }

        switch (payment.State)
        {
            case PaymentState.Capturing:
                if (requested is not null && requested.Amount != payment.CaptureAmount)
                    return PaymentProblems.Conflict(payment, $"A capture of {payment.CaptureAmount} {payment.Currency} is already under way.");
                // This call may be the one that claimed the capture, a concurrent twin, or a retry after a crash: all send
                // the same key, so the provider captures once and answers each the same; the UPDATE below has one winner.
                var result = await provider.CaptureAsync(payment.ProviderReference!, payment.CaptureAmount,
                    ProviderKey(TenantId, orderId, "capture"), ct);
                await ApplyCaptureAsync(payment.Id, result, ct);
                return new Processed<PaymentRow>(await ReloadAsync(payment.Id, ct), false, null);
            case PaymentState.Captured:
                return requested is not null && requested.Amount != payment.CapturedAmount
                    ? PaymentProblems.Conflict(payment, $"The payment was captured with {payment.CapturedAmount} {payment.Currency} already.")
                    : new Processed<PaymentRow>(payment, false, null);
            default:
                return PaymentProblems.Conflict(payment, $"A {payment.State} payment cannot be captured.");
        }
    }

    Task<bool> ApplyCaptureAsync(Guid paymentId, ProviderResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return result.Outcome == ProviderOutcome.Succeeded
            ? TransitionAsync(paymentId, p => p.State == PaymentState.Capturing, s => s
                    .SetProperty(p => p.State, PaymentState.Captured)
                    .SetProperty(p => p.CapturedAmount, p => p.CaptureAmount)
                    .SetProperty(p => p.UpdatedAt, now),
                p => new PaymentSucceeded(p.Id, p.OrderId, p.CustomerId, PaymentOperations.Capture, new MoneyAmount(p.CapturedAmount, p.Currency)), ct)
            : TransitionAsync(paymentId, p => p.State == PaymentState.Capturing, s => s
                    .SetProperty(p => p.State, PaymentState.Failed)
                    .SetProperty(p => p.FailureCode, result.DeclineCode)
                    .SetProperty(p => p.FailureReason, result.DeclineMessage)
                    .SetProperty(p => p.UpdatedAt, now),
                p => new PaymentFailed(p.Id, p.OrderId, p.CustomerId, PaymentOperations.Capture, p.FailureCode ?? "capture_failed",
                    p.FailureReason ?? "The capture failed.", new MoneyAmount(p.CaptureAmount, p.Currency)), ct);
    }

    public async Task<Processed<PaymentRow>> VoidAsync(Guid orderId, CancellationToken ct)
    {
        if (await FindByOrderAsync(orderId, ct) is not { } payment) return PaymentProblems.PaymentNotFound(orderId);
        if (payment.State is PaymentState.Authorized or PaymentState.Pending)
        {
            var now = clock.GetUtcNow();
            await TransitionAsync(payment.Id, p => p.State == PaymentState.Authorized || p.State == PaymentState.Pending, s => s
                .SetProperty(p => p.State, PaymentState.Voiding)
                .SetProperty(p => p.UpdatedAt, now), null, ct);
            payment = await ReloadAsync(payment.Id, ct);
        }

        switch (payment.State)
        {
            case PaymentState.Voiding:
                await provider.VoidAsync(payment.ProviderReference!, ProviderKey(TenantId, orderId, "void"), ct);
                // A refusal can only mean the provider holds nothing any more (the pending card was declined meanwhile):
                // payment never captures outside 'capturing', which a void cannot start from. Either way nothing is held.
                var done = clock.GetUtcNow();
                await TransitionAsync(payment.Id, p => p.State == PaymentState.Voiding, s => s
                    .SetProperty(p => p.State, PaymentState.Voided)
                    .SetProperty(p => p.UpdatedAt, done), null, ct);
                return new Processed<PaymentRow>(await ReloadAsync(payment.Id, ct), false, null);
            case PaymentState.Voided or PaymentState.Failed:
                // Nothing is held: the compensation a saga asks for is already true.
                return new Processed<PaymentRow>(payment, false, null);
            default:
                return PaymentProblems.Conflict(payment, payment.State is PaymentState.Capturing or PaymentState.Captured
                    ? "The payment was captured; refund it instead."
                    : $"A {payment.State} payment cannot be voided yet; try again shortly.");
        }
    }

    /// <summary>Refunds <paramref name="amount"/> of the payment <paramref name="paymentId"/> (or the order's), once per key.</summary>
    public async Task<Processed<Refund>> RefundAsync(PaymentRow payment, MoneyAmount amount, string? reason, string idempotencyKey, string requestedBy,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(amount);
        if (amount.Currency != payment.Currency) return PaymentProblems.CurrencyMismatch(payment.Currency);

        var created = false;
        var refund = await FindRefundAsync(payment.Id, idempotencyKey, ct);
        if (refund is null)
        {
            if (payment.State != PaymentState.Captured) return PaymentProblems.Conflict(payment, $"A {payment.State} payment cannot be refunded.");
            var now = clock.GetUtcNow();
            var a = amount.Amount;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                // The reservation and the refund row commit together; the WHERE makes over-refunding impossible however
                // many refunds run at once.
                var reserved = await db.Payments
                    .Where(p => p.Id == payment.Id && p.State == PaymentState.Captured && p.RefundedAmount + a <= p.CapturedAmount)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount + a).SetProperty(p => p.UpdatedAt, now), ct);
                if (reserved == 0)
                {
                    await tx.RollbackAsync(ct);
                    var current = await ReloadAsync(payment.Id, ct);
                    return current.State != PaymentState.Captured
                        ? PaymentProblems.Conflict(current, $"A {current.State} payment cannot be refunded.")
                        : PaymentProblems.RefundExceedsCapture(current.CapturedAmount - current.RefundedAmount, current.Currency);
                }

                refund = new Refund
                {
                    Id = Guid.CreateVersion7(),
                    PaymentId = payment.Id,
                    OrderId = payment.OrderId,
                    Amount = a,
                    Currency = payment.Currency,
                    Reason = reason,
                    IdempotencyKey = idempotencyKey,
                    State = RefundState.Pending,
                    RequestedBy = requestedBy,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Refunds.Add(refund);
                try
                {
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    created = true;
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e))
                {
                    // The same key won elsewhere at the same moment; our reservation rolls back with this transaction.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    refund = null;
                }
            }

            refund ??= await FindRefundAsync(payment.Id, idempotencyKey, ct) ?? throw new InvalidOperationException("the winning refund vanished");
        }

        if (refund.Amount != amount.Amount) return PaymentProblems.IdempotencyKeyReused();

        if (refund.State == RefundState.Pending)
        {
            var result = await provider.RefundAsync(payment.ProviderReference!, refund.Amount,
                ProviderKey(TenantId, payment.OrderId, "refund:" + idempotencyKey), ct);
            await ApplyRefundAsync(refund, result, ct);
            refund = await FindRefundAsync(payment.Id, idempotencyKey, ct) ?? refund;
        }

        return new(refund, created, null);
    }

    async Task ApplyRefundAsync(Refund refund, ProviderResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var succeeded = result.Outcome == ProviderOutcome.Succeeded;
        var moved = await db.Refunds.Where(r => r.Id == refund.Id && r.State == RefundState.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, succeeded ? RefundState.Succeeded : RefundState.Failed)
            .SetProperty(r => r.ProviderReference, result.Reference)
            .SetProperty(r => r.FailureCode, result.DeclineCode)
            .SetProperty(r => r.UpdatedAt, now), ct);
        if (moved == 0) return;

        if (succeeded)
        {
            var payment = await ReloadAsync(refund.PaymentId, ct);
            var total = await db.Refunds.Where(r => r.PaymentId == refund.PaymentId && r.State == RefundState.Succeeded).SumAsync(r => r.Amount, ct);
            events.Stage(Topics.PaymentEvents, new PaymentRefunded(payment.Id, payment.OrderId, payment.CustomerId, refund.Id,
                new MoneyAmount(refund.Amount, refund.Currency), total, total >= payment.CapturedAmount, refund.Reason));
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // The provider kept the money: give the reservation back, so the amount can be refunded again.
            var a = refund.Amount;
            await db.Payments.Where(p => p.Id == refund.PaymentId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RefundedAmount, p => p.RefundedAmount - a)
                .SetProperty(p => p.UpdatedAt, now), ct);
        }

        await tx.CommitAsync(ct);
    }

    Task<Refund?> FindRefundAsync(Guid paymentId, string key, CancellationToken ct) =>
        db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.PaymentId == paymentId && r.IdempotencyKey == key, ct);

    Task<PaymentRow> ReloadAsync(Guid id, CancellationToken ct) => db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, ct);

    /// <summary>
    /// One state move: a conditional UPDATE, and — only if it changed the row — the event announcing it, staged in the
    /// same transaction (the caller's, if one is open). The database decides who wins; C# never compares first.
    /// </summary>
    async Task<bool> TransitionAsync(Guid paymentId, Expression<Func<PaymentRow, bool>> from, Action<UpdateSettersBuilder<PaymentRow>> set,
        Func<PaymentRow, IntegrationEvent>? announce, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var changed = await db.Payments.Where(p => p.Id == paymentId).Where(from).ExecuteUpdateAsync(set, ct);
            if (changed == 0) return false;
            if (announce is not null)
            {
                events.Stage(Topics.PaymentEvents, announce(await ReloadAsync(paymentId, ct)));
                await db.SaveChangesAsync(ct);
            }

            if (own is not null) await own.CommitAsync(ct);
            return true;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }
}
