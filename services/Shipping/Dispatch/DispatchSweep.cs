using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Dispatch;

/// <summary>What one sweep did.</summary>
internal sealed record SweepResult(int LabelsBought, int StillQueued, int TrackingPolled, bool CarrierDown);

/// <summary>
/// Run by the Dapr cron binding <c>shipment-dispatch</c>: buys the labels of queued shipments whose next attempt is due,
/// then asks the carrier about parcels with no tracking news for a while (a lost webhook). Each shipment is claimed
/// across tenants with <c>FOR UPDATE SKIP LOCKED</c> in its own short transaction and its own scope (acting for its
/// tenant), so replicas sweeping at once take different ones and a request buying the same label is waited for, not
/// raced. The first carrier failure ends the sweep: the carrier is down, and the rest wait for the next run.
/// </summary>
internal sealed class DispatchSweep(IServiceScopeFactory scopes, IOptions<ShippingOptions> options, TimeProvider clock)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        int bought = 0, queued = 0, polled = 0;
        for (var i = 0; i < o.DispatchBatch; i++)
        {
            var outcome = await DispatchOneAsync(ct);
            if (outcome is null) break;
            if (outcome == LabelOutcome.Bought) bought++;
            if (outcome == LabelOutcome.Queued)
            {
                queued++;
                return new SweepResult(bought, queued, polled, CarrierDown: true);
            }
        }

        for (var i = 0; i < o.DispatchBatch; i++)
        {
            var done = await PollOneAsync(ct);
            if (done is null) break;
            if (done == false) return new SweepResult(bought, queued, polled, CarrierDown: true);
            polled++;
        }

        return new SweepResult(bought, queued, polled, CarrierDown: false);
    }

    async Task<LabelOutcome?> DispatchOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDb>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<Claimed>($"""
            SELECT id AS "Id", tenant_id AS "TenantId" FROM shipments
             WHERE status = {ShipmentStatuses.Requested} AND next_attempt_at <= {now}
             ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (claimed is not [var c]) return null;

        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(c.TenantId);
        var outcome = await scope.ServiceProvider.GetRequiredService<LabelPurchase>().BuyLockedAsync(c.Id, ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Null: nothing to poll; false: the carrier failed; true: polled (and moved, if the carrier knew more).</summary>
    async Task<bool?> PollOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDb>();
        var now = clock.GetUtcNow();
        var cutoff = now.AddSeconds(-options.Value.TrackingPollAfterSeconds);
        string[] inFlight = [ShipmentStatuses.LabelPurchased, ShipmentStatuses.InTransit, ShipmentStatuses.OutForDelivery, ShipmentStatuses.Exception];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<Polled>($"""
            SELECT id AS "Id", tenant_id AS "TenantId", tracking_number AS "TrackingNumber" FROM shipments
             WHERE status = ANY({inFlight}) AND tracking_number IS NOT NULL
               AND COALESCE(tracking_checked_at, updated_at) <= {cutoff}
             ORDER BY COALESCE(tracking_checked_at, updated_at) LIMIT 1 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (claimed is not [var c]) return null;

        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(c.TenantId);
        TrackingState? state;
        try
        {
            state = await scope.ServiceProvider.GetRequiredService<ICarrier>().TrackAsync(c.TrackingNumber, ct);
        }
        catch (CarrierUnavailableException)
        {
            return false;
        }

        await db.Shipments.Where(s => s.Id == c.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.TrackingCheckedAt, now), ct);
        if (state is not null && Domain.ShipmentTransitions.IsCarrierStatus(state.Status))
        {
            await scope.ServiceProvider.GetRequiredService<ShipmentMoves>()
                .MoveAsync(c.Id, state.Status, "carrier:tracking", state.Detail, ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    sealed record Claimed(Guid Id, Guid TenantId);

    sealed record Polled(Guid Id, Guid TenantId, string TrackingNumber);
}
