using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Ordering.Apis.Requests;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Ordering.Placement;

internal abstract record PlacementOutcome
{
    public sealed record Created(OrderResponse Order) : PlacementOutcome;

    /// <summary>The key was used before with the same request: its first answer, as stored.</summary>
    public sealed record Replayed(int StatusCode, string Body) : PlacementOutcome;

    public sealed record KeyReused : PlacementOutcome;

    public sealed record Duplicate(Guid ExistingOrderId, string ExistingNumber) : PlacementOutcome;

    public sealed record TooMany(TimeSpan RetryAfter) : PlacementOutcome;

    /// <summary>A checkout of the cart found it empty: nothing placed, the key not kept.</summary>
    public sealed record EmptyCart : PlacementOutcome;
}

/// <summary>
/// What is being ordered: the request's explicit lines, or the lines read from the customer's cart at placement (then
/// <see cref="FromCart"/>; possibly none, which is refused after the key's check so a replay still gets its first answer).
/// </summary>
internal sealed record OrderedLines(IReadOnlyList<(Guid ProductId, int Quantity)> Lines, bool FromCart)
{
    public static OrderedLines Explicit(PlaceOrderRequest request) =>
        new([.. request.Lines!.Select(l => (l.ProductId!.Value, l.Quantity!.Value))], FromCart: false);
}

/// <summary>
/// Places an order in one transaction: the idempotency key, the per-user counter, the duplicate check, the order
/// number, the order with its lines and first history row, and <c>OrderCreated</c>. Every check the database decides:
/// <list type="bullet">
/// <item>The key row is inserted first (<c>ON CONFLICT DO NOTHING</c>): a concurrent request with the same key waits on
/// the primary key until this transaction ends, then reads the stored answer (or, if this one rolled back, proceeds).</item>
/// <item>The counter is an upsert that returns the new count and keeps the user's counter row locked until commit, so
/// the placements of one user queue here; the duplicate check after it therefore sees every earlier placement.</item>
/// <item>The order number comes from an upsert of the tenant's sequence row returning the next value.</item>
/// </list>
/// A refusal (429, 409, 422 empty cart) rolls everything back, the key included: a refused request may be sent again
/// with its key. The duplicate check's fingerprint covers the lines actually ordered (for a cart checkout, the cart's).
/// </summary>
internal sealed class OrderPlacement(OrderingDb db, IntegrationEventOutbox events, IOptions<OrderingOptions> options, TimeProvider clock)
{
    /// <summary>
    /// The stored answer when this key was used before and its request finished (or 422 for another body), else null.
    /// A cart checkout asks first, before reading the cart: the key's first answer stands even once the order emptied
    /// the cart. A key still in flight is not answered here: <see cref="PlaceAsync"/> waits for it.
    /// </summary>
    public async Task<PlacementOutcome?> StoredAnswerAsync(Guid customerId, IdempotencyKey key, CancellationToken ct)
    {
        var expired = clock.GetUtcNow() - IdempotencyKey.Retention;
        var stored = await db.IdempotencyKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.CallerId == customerId && k.KeyHash == key.StorageId && k.CreatedAt > expired && k.StatusCode != 0, ct);
        if (stored is null) return null;
        return stored.Fingerprint == key.Fingerprint
            ? new PlacementOutcome.Replayed(stored.StatusCode, stored.ResponseBody)
            : new PlacementOutcome.KeyReused();
    }

    public async Task<PlacementOutcome> PlaceAsync(PlaceOrderRequest request, OrderedLines ordered, Guid customerId, IdempotencyKey key, CancellationToken ct)
    {
        var tenantId = db.RequireTenant();
        var now = clock.GetUtcNow();
        var lines = OrderFingerprint.Merge(ordered.Lines);
        var hash = OrderFingerprint.Of(customerId, request.ShippingAddressId!.Value, request.BillingAddressId!.Value, request.PaymentMethodToken!, lines);
        var orderId = Guid.CreateVersion7();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Keys live 24 h: an older one is forgotten here (lazily; the rest are pruned by nobody's clock but this).
        var expired = now - IdempotencyKey.Retention;
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM idempotency_keys WHERE tenant_id = {tenantId} AND caller_id = {customerId} AND key_hash = {key.StorageId} AND created_at <= {expired}
            """, ct);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_keys (tenant_id, caller_id, key_hash, fingerprint, status_code, response_body, order_id, created_at)
            VALUES ({tenantId}, {customerId}, {key.StorageId}, {key.Fingerprint}, 0, '', {orderId}, {now})
            ON CONFLICT (tenant_id, caller_id, key_hash) DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            var stored = await db.IdempotencyKeys.AsNoTracking()
                .SingleAsync(k => k.CallerId == customerId && k.KeyHash == key.StorageId, ct);
            return stored.Fingerprint == key.Fingerprint
                ? new PlacementOutcome.Replayed(stored.StatusCode, stored.ResponseBody)
                : new PlacementOutcome.KeyReused();
        }

        if (lines.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return new PlacementOutcome.EmptyCart();
        }

        var window = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var count = (await db.Database.SqlQuery<int>($"""
            INSERT INTO placement_counters (tenant_id, customer_id, window_start, count) VALUES ({tenantId}, {customerId}, {window}, 1)
            ON CONFLICT (tenant_id, customer_id, window_start) DO UPDATE SET count = placement_counters.count + 1
            RETURNING count AS "Value"
            """).ToListAsync(ct))[0];
        if (count > options.Value.PlacementsPerMinute)
        {
            await tx.RollbackAsync(ct);
            return new PlacementOutcome.TooMany(window.AddMinutes(1) - now);
        }

        var since = now.AddSeconds(-options.Value.DuplicateWindowSeconds);
        var duplicate = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.RequestHash == hash && o.CreatedAt > since)
            .OrderByDescending(o => o.CreatedAt).Select(o => new { o.Id, o.Number }).FirstOrDefaultAsync(ct);
        if (duplicate is not null)
        {
            await tx.RollbackAsync(ct);
            return new PlacementOutcome.Duplicate(duplicate.Id, duplicate.Number);
        }

        var sequence = (await db.Database.SqlQuery<long>($"""
            INSERT INTO order_sequences (tenant_id, year, last_value) VALUES ({tenantId}, {now.Year}, 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = order_sequences.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct))[0];

        var order = new Order
        {
            Id = orderId,
            Number = OrderNumbers.Format(now.Year, sequence),
            CustomerId = customerId,
            Status = OrderStatus.Pending.ToCode(),
            ShippingAddressId = request.ShippingAddressId.Value,
            BillingAddressId = request.BillingAddressId.Value,
            PaymentMethodToken = request.PaymentMethodToken!.Trim(),
            RequestHash = hash,
            FromCart = ordered.FromCart,
            CreatedAt = now,
            UpdatedAt = now,
            Lines = [.. lines.Select((l, i) => new OrderLine { OrderId = orderId, LineNo = i + 1, ProductId = l.ProductId, Quantity = l.Quantity })],
            History = [new OrderStatusChange { Id = Guid.CreateVersion7(), OrderId = orderId, ToStatus = OrderStatus.Pending.ToCode(), Cause = "customer:placed", At = now }],
        };
        db.Orders.Add(order);
        events.Stage(Topics.OrderEvents, new OrderCreated(orderId, order.Number, customerId, [.. lines.Select(l => new OrderedLine(l.ProductId, l.Quantity))]));
        await db.SaveChangesAsync(ct);

        var response = OrderResponse.From(order, withHistory: true);
        var body = JsonSerializer.Serialize(response, JsonSerializerOptions.Web);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE idempotency_keys SET status_code = 201, response_body = {body}
             WHERE tenant_id = {tenantId} AND caller_id = {customerId} AND key_hash = {key.StorageId}
            """, ct);
        await tx.CommitAsync(ct);
        return new PlacementOutcome.Created(response);
    }
}
