using DaprShop.Inventory.Data;
using DaprShop.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Inventory.Stock;

/// <summary>
/// An admin's receive, correct and write-off: one conditional statement each (correct locks the row first to turn
/// a counted figure into a delta), with the ledger line in the same statement. An adjustment id makes a retry safe:
/// the same id and content answer the first ledger line; the same id with other content is refused.
/// </summary>
internal sealed class StockAdjustments(InventoryDb db, StockCommands stock)
{
    /// <param name="quantity">Units received or written off; for <c>correct</c>, the counted on-hand figure.</param>
    public async Task<AdjustmentOutcome> AdjustAsync(string kind, string sku, long quantity, string reason, Guid? adjustmentId,
        string actor, CancellationToken ct)
    {
        var tenantId = db.RequireTenant();
        if (adjustmentId is { } id && await ReplayAsync(id, kind, sku, quantity, reason, ct) is { } earlier) return earlier;

        var why = new MovementContext(kind, reason, actor, AdjustmentId: adjustmentId);
        Guid movementId;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            StockChange? change;
            switch (kind)
            {
                case MovementKinds.Receive:
                    await stock.EnsureStockedAsync(tenantId, sku, ct);
                    change = await stock.ApplyAsync(tenantId, sku, quantity, 0, why, ct);
                    break;
                case MovementKinds.WriteOff:
                    change = await stock.ApplyAsync(tenantId, sku, -quantity, 0, why, ct);
                    break;
                case MovementKinds.Correct:
                    // The row stays locked from this read to the update, so the delta is exact.
                    if (await stock.LockAsync(tenantId, sku, ct) is not { } current) return await NotFoundAsync(tx);
                    change = await stock.ApplyAsync(tenantId, sku, quantity - current.OnHandAfter, 0, why, ct);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an adjustment");
            }

            if (change is null)
            {
                await tx.RollbackAsync(ct);
                return await db.Stock.AsNoTracking().AnyAsync(s => s.Sku == sku, ct)
                    ? new AdjustmentOutcome(AdjustmentResult.WouldBreakStock, Stock: await ReadStockAsync(sku, ct))
                    : new AdjustmentOutcome(AdjustmentResult.NotFound);
            }

            movementId = change.MovementId;
            await db.SaveChangesAsync(ct); // a LowStock the update staged
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && adjustmentId is not null)
        {
            // The same adjustment id, applied concurrently by another request that committed first.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(adjustmentId.Value, kind, sku, quantity, reason, ct)
                   ?? throw new InvalidOperationException($"adjustment {adjustmentId} conflicted but is not recorded");
        }

        var movement = await db.Movements.AsNoTracking().SingleAsync(m => m.Id == movementId, ct);
        return new AdjustmentOutcome(AdjustmentResult.Applied, movement, await ReadStockAsync(sku, ct));
    }

    async Task<AdjustmentOutcome> NotFoundAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx)
    {
        await tx.RollbackAsync();
        return new AdjustmentOutcome(AdjustmentResult.NotFound);
    }

    async Task<AdjustmentOutcome?> ReplayAsync(Guid adjustmentId, string kind, string sku, long quantity, string reason, CancellationToken ct)
    {
        var earlier = await db.Movements.AsNoTracking().SingleOrDefaultAsync(m => m.AdjustmentId == adjustmentId, ct);
        if (earlier is null) return null;
        var same = earlier.Kind == kind && earlier.Sku == sku && earlier.Reason == reason && kind switch
        {
            MovementKinds.Receive => earlier.OnHandDelta == quantity,
            MovementKinds.WriteOff => earlier.OnHandDelta == -quantity,
            _ => earlier.OnHandAfter == quantity,
        };
        return same
            ? new AdjustmentOutcome(AdjustmentResult.Replayed, earlier, await ReadStockAsync(sku, ct))
            : new AdjustmentOutcome(AdjustmentResult.IdReused, earlier);
    }

    Task<StockItem?> ReadStockAsync(string sku, CancellationToken ct) =>
        db.Stock.AsNoTracking().SingleOrDefaultAsync(s => s.Sku == sku, ct);
}
