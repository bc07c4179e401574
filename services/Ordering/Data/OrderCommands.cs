using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Ordering.Domain;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DaprShop.Ordering.Data;

internal enum TransitionResult
{
    Applied,

    /// <summary>The order already had the target status (a retried step): nothing changed.</summary>
    AlreadyThere,

    /// <summary>The state machine does not allow the move from the order's status.</summary>
    Illegal,
    NotFound,
}

internal sealed record TransitionOutcome(TransitionResult Result, OrderStatus? Current);

/// <summary>
/// Moves an order's status by one conditional UPDATE whose WHERE is the state machine (the states the target may be
/// reached from), so two concurrent moves (the saga confirming, the customer cancelling) cannot both apply: the
/// second finds the row moved and is refused. The history row and the event commit in the same transaction.
/// </summary>
internal sealed class OrderCommands(OrderingDb db, IntegrationEventOutbox events, TimeProvider clock)
{
    /// <param name="announcement">The event of a move whose cause brings its facts (Shipped, Delivered); else the state's own.</param>
    public async Task<TransitionOutcome> TransitionAsync(Guid orderId, OrderStatus to, string cause, string? reason, CancellationToken ct,
        IntegrationEvent? announcement = null)
    {
        var tenantId = db.RequireTenant();
        var now = clock.GetUtcNow();
        var target = to.ToCode();
        var allowed = OrderTransitions.From(to).Select(s => s.ToCode()).ToArray();
        await using IDbContextTransaction? own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var moved = await db.Database.SqlQuery<string>($"""
            UPDATE orders AS o SET status = {target}, status_reason = COALESCE({reason}, o.status_reason), updated_at = {now}
              FROM (SELECT id, status FROM orders WHERE tenant_id = {tenantId} AND id = {orderId} FOR UPDATE) AS old
             WHERE o.id = old.id AND o.status = ANY({allowed})
            RETURNING old.status AS "Value"
            """).ToListAsync(ct);
        if (moved is not [var from])
        {
            if (own is not null) await own.RollbackAsync(ct);
            var current = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Status).SingleOrDefaultAsync(ct);
            if (current is null) return new TransitionOutcome(TransitionResult.NotFound, null);
            var status = OrderStatuses.Parse(current);
            return new TransitionOutcome(status == to ? TransitionResult.AlreadyThere : TransitionResult.Illegal, status);
        }

        db.History.Add(new OrderStatusChange
        {
            Id = Guid.CreateVersion7(),
            OrderId = orderId,
            FromStatus = from,
            ToStatus = target,
            Cause = cause,
            Reason = reason,
            At = now,
        });
        var announced = announcement ?? to switch
        {
            OrderStatus.Confirmed => new OrderConfirmed(orderId) { Cart = await CheckedOutCartAsync(orderId, ct) },
            OrderStatus.Processing => new OrderProcessing(orderId),
            // A failed order is, to everyone else, an order that will not happen: the same event, with the reason.
            OrderStatus.Cancelled or OrderStatus.Failed => new OrderCancelled(orderId, reason ?? to.ToCode()),
            _ => (IntegrationEvent?)null,
        };
        if (announced is not null) events.Stage(Topics.OrderEvents, announced);
        await db.SaveChangesAsync(ct);
        if (own is not null) await own.CommitAsync(ct);
        return new TransitionOutcome(TransitionResult.Applied, to);
    }

    /// <summary>For an order checked out of the cart: whose cart and what it ordered (cart takes exactly that out); else null.</summary>
    async Task<CheckedOutCart?> CheckedOutCartAsync(Guid orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.FromCart, o.CustomerId, Lines = o.Lines.OrderBy(l => l.LineNo).Select(l => new { l.ProductId, l.Quantity }).ToList() })
            .SingleAsync(ct);
        return order.FromCart ? new CheckedOutCart(order.CustomerId, [.. order.Lines.Select(l => new OrderedLine(l.ProductId, l.Quantity))]) : null;
    }
}
