using DaprShop.Contracts;
using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Data;
using DaprShop.Inventory.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace DaprShop.Inventory.Reservations;

/// <summary>
/// Reserve, release, commit, expire and return, each idempotent per order id. The reservation row's status changes only
/// by a conditional update from <c>held</c> (or, for a return, from <c>committed</c>), so of two concurrent calls (two replicas, a retry, the sweep) exactly one
/// applies and the other finds the result. Stock rows are touched in SKU order (<see cref="StockRules.Sorted"/>), so
/// two reservations over the same SKUs queue instead of deadlocking.
/// </summary>
internal sealed class ReservationBook(
    InventoryDb db, StockCommands stock, IntegrationEventOutbox events, IOptions<InventoryOptions> options, TimeProvider clock)
{
    public async Task<ReservationOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockLine> requested, string actor, CancellationToken ct)
    {
        var tenantId = db.RequireTenant();
        var lines = StockRules.Sorted(requested);
        var now = clock.GetUtcNow();
        var minutes = await db.Settings.Select(s => (int?)s.ReservationMinutes).SingleOrDefaultAsync(ct)
                      ?? options.Value.DefaultReservationMinutes;
        var expiresAt = now.AddMinutes(minutes);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claims the order id: a concurrent reserve of the same order waits here until this one commits or rolls back.
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reservations (tenant_id, order_id, status, created_at, expires_at, updated_at)
            VALUES ({tenantId}, {orderId}, {ReservationStatuses.Held}, {now}, {expiresAt}, {now})
            ON CONFLICT (tenant_id, order_id) DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            var existing = await ReadAsync(orderId, ct) ?? throw new InvalidOperationException($"reservation {orderId} vanished");
            return StockRules.SameLines(existing.Lines, lines)
                ? new ReservationOutcome(ReservationResult.AlreadyDone, existing)
                : new ReservationOutcome(ReservationResult.Conflict, existing);
        }

        // Lines and the event first, the stock updates last: the hot rows stay locked only until the commit.
        db.ReservationLines.AddRange(lines.Select(l => new ReservationLine { OrderId = orderId, Sku = l.Sku, Quantity = l.Quantity }));
        events.Stage(Topics.InventoryEvents, new StockReserved(orderId, lines, expiresAt));
        await db.SaveChangesAsync(ct);

        var why = new MovementContext(MovementKinds.Reserve, $"order {orderId}", actor, orderId);
        foreach (var line in lines)
        {
            if (await stock.ApplyAsync(tenantId, line.Sku, 0, line.Quantity, why, ct) is null)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new ReservationOutcome(ReservationResult.InsufficientStock, null, await ShortagesAsync(lines, ct));
            }
        }

        await db.SaveChangesAsync(ct); // a LowStock the updates staged
        await tx.CommitAsync(ct);
        return new ReservationOutcome(ReservationResult.Applied,
            new ReservationResponse(orderId, ReservationStatuses.Held, lines, now, expiresAt, now));
    }

    /// <summary>Releases a held reservation (a repeat finds it released; a committed one is a conflict).</summary>
    public Task<ReservationOutcome> ReleaseAsync(Guid orderId, string reason, string actor, CancellationToken ct) =>
        EndAsync(db.RequireTenant(), orderId, ReservationStatuses.Released, reason, actor, ct);

    /// <summary>
    /// Commits a held, unexpired reservation: the held units leave on-hand stock. A repeat finds it committed; a
    /// released or expired one is a conflict (its stock may have been sold since).
    /// </summary>
    public Task<ReservationOutcome> CommitAsync(Guid orderId, string actor, CancellationToken ct) =>
        EndAsync(db.RequireTenant(), orderId, ReservationStatuses.Committed, "order confirmed", actor, ct);

    /// <summary>
    /// Returns a committed reservation's units to stock: a cancelled order's goods were never shipped. One transaction:
    /// the conditional move <c>committed → returned</c> decides (of two racing calls exactly one applies; the other waits
    /// on the row, then finds it returned), then on hand goes up by each line, in SKU order, with its ledger line, and
    /// <c>StockReturned</c> is staged. A repeat answers the returned reservation; a held one is a conflict (release it),
    /// and so is a released or expired one (its units never left).
    /// </summary>
    public async Task<ReservationOutcome> ReturnAsync(Guid orderId, string actor, CancellationToken ct)
    {
        var tenantId = db.RequireTenant();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE reservations SET status = {ReservationStatuses.Returned}, updated_at = {now}
             WHERE tenant_id = {tenantId} AND order_id = {orderId} AND status = {ReservationStatuses.Committed}
            """, ct);
        if (changed == 0)
        {
            await tx.RollbackAsync(ct);
            var existing = await ReadAsync(orderId, ct);
            if (existing is null) return ReservationOutcome.NotFound;
            return new ReservationOutcome(
                existing.Status == ReservationStatuses.Returned ? ReservationResult.AlreadyDone : ReservationResult.Conflict, existing);
        }

        var lines = await LinesAsync(tenantId, orderId, ct);
        var reason = $"order {orderId} cancelled";
        var why = new MovementContext(MovementKinds.Return, reason, actor, orderId);
        foreach (var line in lines)
        {
            // Fails only past the on-hand ceiling (10¹²) or for a SKU row that vanished: roll back, change nothing.
            _ = await stock.ApplyAsync(tenantId, line.Sku, line.Quantity, 0, why, ct)
                ?? throw new InvalidOperationException($"stock of {line.Sku} cannot take back the {line.Quantity} units of reservation {orderId}");
        }

        events.Stage(Topics.InventoryEvents, new StockReturned(orderId, reason, lines) { TenantId = tenantId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var after = await ReadAsync(orderId, ct) ?? throw new InvalidOperationException($"reservation {orderId} vanished");
        return new ReservationOutcome(ReservationResult.Applied, after);
    }

    /// <summary>
    /// Expires one held reservation past its time, of any tenant, that no other sweep holds (<c>SKIP LOCKED</c>): two
    /// replicas sweeping at once take different reservations. Returns false when none is left.
    /// </summary>
    public async Task<bool> ExpireOneAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<ClaimedReservation>($"""
            UPDATE reservations SET status = {ReservationStatuses.Expired}, updated_at = {now}
             WHERE status = {ReservationStatuses.Held}
               AND (tenant_id, order_id) = (SELECT tenant_id, order_id FROM reservations
                                             WHERE status = {ReservationStatuses.Held} AND expires_at <= {now}
                                             ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING tenant_id AS "TenantId", order_id AS "OrderId"
            """).ToListAsync(ct);
        if (claimed is not [var r]) return false;

        await EndHoldAsync(r.TenantId, r.OrderId, ReservationStatuses.Expired, "reservation expired", "system:expiry", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    sealed record ClaimedReservation(Guid TenantId, Guid OrderId);

    async Task<ReservationOutcome> EndAsync(Guid tenantId, Guid orderId, string target, string reason, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Inside an event handler's transaction (its processed-event record commits with this), else our own.
        await using IDbContextTransaction? own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var changed = target == ReservationStatuses.Committed
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE reservations SET status = {target}, updated_at = {now}
                 WHERE tenant_id = {tenantId} AND order_id = {orderId} AND status = {ReservationStatuses.Held} AND expires_at > {now}
                """, ct)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE reservations SET status = {target}, updated_at = {now}
                 WHERE tenant_id = {tenantId} AND order_id = {orderId} AND status = {ReservationStatuses.Held}
                """, ct);
        if (changed == 0)
        {
            if (own is not null) await own.RollbackAsync(ct);
            var existing = await ReadAsync(orderId, ct);
            if (existing is null) return ReservationOutcome.NotFound;
            var done = existing.Status == target
                       || (target == ReservationStatuses.Released && existing.Status == ReservationStatuses.Expired);
            return new ReservationOutcome(done ? ReservationResult.AlreadyDone : ReservationResult.Conflict, existing);
        }

        await EndHoldAsync(tenantId, orderId, target, reason, actor, ct);
        await db.SaveChangesAsync(ct);
        if (own is not null) await own.CommitAsync(ct);
        var after = await ReadAsync(orderId, ct) ?? throw new InvalidOperationException($"reservation {orderId} vanished");
        return new ReservationOutcome(ReservationResult.Applied, after);
    }

    /// <summary>The held units of an order's lines: back to available (release, expiry) or out of stock (commit).</summary>
    async Task<IReadOnlyList<StockLine>> EndHoldAsync(Guid tenantId, Guid orderId, string target, string reason, string actor, CancellationToken ct)
    {
        var lines = await LinesAsync(tenantId, orderId, ct);
        var committing = target == ReservationStatuses.Committed;
        var kind = committing ? MovementKinds.Commit : target == ReservationStatuses.Expired ? MovementKinds.Expire : MovementKinds.Release;
        var why = new MovementContext(kind, reason, actor, orderId);
        foreach (var line in lines)
        {
            // Cannot fail while the invariants hold (the units were held by this reservation); if it does, roll back.
            _ = await stock.ApplyAsync(tenantId, line.Sku, committing ? -line.Quantity : 0, -line.Quantity, why, ct)
                ?? throw new InvalidOperationException($"stock of {line.Sku} does not hold the {line.Quantity} units of reservation {orderId}");
        }

        if (!committing)
        {
            events.Stage(Topics.InventoryEvents, new StockReleased(orderId, target == ReservationStatuses.Expired ? "expired" : reason, lines)
            {
                TenantId = tenantId,
            });
        }

        return lines;
    }

    /// <summary>An order's lines sorted by SKU (the order stock rows are locked in), of any tenant (the sweep has none in context).</summary>
    async Task<IReadOnlyList<StockLine>> LinesAsync(Guid tenantId, Guid orderId, CancellationToken ct)
    {
        var rows = await db.ReservationLines.IgnoreQueryFilters([TenantModelBuilderExtensions.TenantFilter]).AsNoTracking()
            .Where(l => l.TenantId == tenantId && l.OrderId == orderId)
            .Select(l => new StockLine(l.Sku, l.Quantity))
            .ToListAsync(ct);
        return StockRules.Sorted(rows);
    }

    /// <summary>The reservation of the current tenant, with its lines sorted by SKU.</summary>
    public async Task<ReservationResponse?> ReadAsync(Guid orderId, CancellationToken ct)
    {
        var r = await db.Reservations.AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.OrderId == orderId, ct);
        return r is null ? null : ToResponse(r);
    }

    public static ReservationResponse ToResponse(Reservation r) => new(r.OrderId, r.Status,
        StockRules.Sorted(r.Lines.Select(l => new StockLine(l.Sku, l.Quantity))), r.CreatedAt, r.ExpiresAt, r.UpdatedAt);

    async Task<IReadOnlyList<Shortage>> ShortagesAsync(IReadOnlyList<StockLine> lines, CancellationToken ct)
    {
        var skus = lines.Select(l => l.Sku).ToList();
        var available = await db.Stock.AsNoTracking().Where(s => skus.Contains(s.Sku))
            .ToDictionaryAsync(s => s.Sku, s => s.OnHand - s.Reserved, StringComparer.Ordinal, ct);
        return [.. lines
            .Select(l => new Shortage(l.Sku, l.Quantity, available.GetValueOrDefault(l.Sku)))
            .Where(s => s.Available < s.Requested)];
    }
}
