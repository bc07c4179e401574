using DaprShop.Contracts;
using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Inventory.Data;

/// <summary>What one stock statement did: the figures before and after, and the SKU's threshold.</summary>
internal sealed record StockChange(string Sku, long OnHandBefore, long ReservedBefore, long OnHandAfter, long ReservedAfter, long Threshold)
{
    /// <summary>The ledger line the statement wrote (empty for a read).</summary>
    public Guid MovementId { get; init; }

    public long AvailableBefore => OnHandBefore - ReservedBefore;
    public long AvailableAfter => OnHandAfter - ReservedAfter;
}

/// <summary>Who changed stock, why, and for which order or adjustment: the ledger's columns besides the figures.</summary>
internal sealed record MovementContext(string Kind, string Reason, string Actor, Guid? OrderId = null, Guid? AdjustmentId = null);

/// <summary>
/// Every change of a stock figure, as one SQL statement that changes the row only if the result is valid and appends the
/// ledger line in the same statement (so stock and ledger cannot drift apart). The database decides under its row
/// lock whether a hold or a decrement fits; C# never reads a figure, changes it and writes it back. Call inside a
/// transaction when several statements must stand or fall together.
/// </summary>
internal sealed class StockCommands(InventoryDb db, IntegrationEventOutbox events, TimeProvider clock)
{
    sealed record Row(long OnHand, long Reserved, long Threshold);

    /// <summary>
    /// Adds <paramref name="onHandDelta"/> and <paramref name="reservedDelta"/> to a SKU's figures if afterwards
    /// 0 ≤ reserved ≤ on hand ≤ <see cref="StockRules.MaxOnHand"/>; otherwise changes nothing and returns null (also for
    /// a SKU the tenant does not stock). Stages <c>LowStock</c> when available crosses below the threshold.
    /// </summary>
    public async Task<StockChange?> ApplyAsync(Guid tenantId, string sku, long onHandDelta, long reservedDelta, MovementContext why,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var movementId = Guid.CreateVersion7();
        // One statement: the conditional update, and the ledger line from what it returned (nothing if it matched no row).
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH s AS (
                UPDATE stock_items
                   SET on_hand = on_hand + {onHandDelta}, reserved = reserved + {reservedDelta}, updated_at = {now}
                 WHERE tenant_id = {tenantId} AND sku = {sku}
                   AND reserved + {reservedDelta} >= 0
                   AND on_hand + {onHandDelta} >= reserved + {reservedDelta}
                   AND on_hand + {onHandDelta} <= {StockRules.MaxOnHand}
             RETURNING on_hand, reserved, low_stock_threshold),
            m AS (
                INSERT INTO stock_movements (id, tenant_id, sku, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after,
                                             reason, actor, order_id, adjustment_id, occurred_at)
                SELECT {movementId}, {tenantId}, {sku}, {why.Kind}, {onHandDelta}, {reservedDelta}, s.on_hand, s.reserved,
                       {why.Reason}, {why.Actor}, {why.OrderId}::uuid, {why.AdjustmentId}::uuid, {now}
                  FROM s)
            SELECT on_hand AS "OnHand", reserved AS "Reserved", low_stock_threshold AS "Threshold" FROM s
            """).ToListAsync(ct);
        if (rows is not [var row]) return null;

        var change = new StockChange(sku, row.OnHand - onHandDelta, row.Reserved - reservedDelta, row.OnHand, row.Reserved, row.Threshold)
        {
            MovementId = movementId,
        };
        if (StockRules.CrossesBelowThreshold(change.AvailableBefore, change.AvailableAfter, change.Threshold))
        {
            events.Stage(Topics.InventoryEvents, new LowStock(sku, change.AvailableAfter, change.Threshold) { TenantId = tenantId });
        }

        return change;
    }

    /// <summary>Creates the SKU's stock row (0 on hand) if the tenant has none yet; receiving is how a SKU enters stock.</summary>
    public async Task EnsureStockedAsync(Guid tenantId, string sku, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock_items (tenant_id, sku, on_hand, reserved, low_stock_threshold, created_at, updated_at)
            VALUES ({tenantId}, {sku}, 0, 0, 0, {now}, {now})
            ON CONFLICT (tenant_id, sku) DO NOTHING
            """, ct);
    }

    /// <summary>Locks a SKU's row until the transaction ends and returns its figures (null if not stocked).</summary>
    public async Task<StockChange?> LockAsync(Guid tenantId, string sku, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT on_hand AS "OnHand", reserved AS "Reserved", low_stock_threshold AS "Threshold"
              FROM stock_items WHERE tenant_id = {tenantId} AND sku = {sku} FOR UPDATE
            """).ToListAsync(ct);
        return rows is [var r] ? new StockChange(sku, r.OnHand, r.Reserved, r.OnHand, r.Reserved, r.Threshold) : null;
    }

    /// <summary>Sets the threshold (a ledger line with no deltas records who and why); null if the SKU is not stocked.</summary>
    public async Task<StockChange?> SetThresholdAsync(Guid tenantId, string sku, long threshold, MovementContext why, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var movementId = Guid.CreateVersion7();
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH s AS (
                UPDATE stock_items SET low_stock_threshold = {threshold}, updated_at = {now}
                 WHERE tenant_id = {tenantId} AND sku = {sku}
             RETURNING on_hand, reserved, low_stock_threshold),
            m AS (
                INSERT INTO stock_movements (id, tenant_id, sku, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after,
                                             reason, actor, order_id, adjustment_id, occurred_at)
                SELECT {movementId}, {tenantId}, {sku}, {why.Kind}, 0, 0, s.on_hand, s.reserved,
                       {why.Reason}, {why.Actor}, NULL, {why.AdjustmentId}::uuid, {now}
                  FROM s)
            SELECT on_hand AS "OnHand", reserved AS "Reserved", low_stock_threshold AS "Threshold" FROM s
            """).ToListAsync(ct);
        return rows is [var r] ? new StockChange(sku, r.OnHand, r.Reserved, r.OnHand, r.Reserved, r.Threshold) { MovementId = movementId } : null;
    }
}
