using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaprShop.Shipping.Dispatch;

internal enum LabelOutcome
{
    /// <summary>The label was bought now.</summary>
    Bought,

    /// <summary>Nothing to buy: the shipment is past <c>requested</c> (a concurrent twin bought it, or it was cancelled).</summary>
    NotNeeded,

    /// <summary>The carrier failed: the shipment stays <c>requested</c>, queued for the sweep after a back-off.</summary>
    Queued,
}

/// <summary>
/// Buys a requested shipment's label, once. The shipment's row is locked (<c>FOR UPDATE</c>) for the carrier call, so
/// concurrent twins, the dispatch sweep and a cancel take turns and the later ones find the label bought; the carrier
/// call carries the key <c>&lt;tenant&gt;:&lt;order&gt;:label</c>, so a retry after a crash (the carrier sold the label, our
/// row did not move) gets the same label instead of a second. A carrier failure leaves the shipment requested with its
/// next attempt due after a doubling back-off: queued, never lost.
/// </summary>
internal sealed partial class LabelPurchase(
    ShippingDb db, ICarrier carrier, ShipmentMoves moves, ITenantContext tenant, IOptions<ShippingOptions> options, TimeProvider clock,
    ILogger<LabelPurchase> log)
{
    Guid TenantId => tenant.TenantId ?? throw new TenantIsolationException("no tenant in context");

    public static string CarrierKey(Guid tenantId, Guid orderId) => $"{tenantId:N}:{orderId:N}:label";

    /// <summary>Locks the shipment (waiting for whoever holds it) and buys its label if it still needs one.</summary>
    public async Task<LabelOutcome> TryAsync(Guid shipmentId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenantId = TenantId;
        var status = await db.Database.SqlQuery<string>(
            $"SELECT status AS \"Value\" FROM shipments WHERE id = {shipmentId} AND tenant_id = {tenantId} FOR UPDATE").ToListAsync(ct);
        var outcome = status is [ShipmentStatuses.Requested] ? await BuyLockedAsync(shipmentId, ct) : LabelOutcome.NotNeeded;
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Buys the label of a shipment whose row the caller's open transaction has locked in <c>requested</c>.</summary>
    public async Task<LabelOutcome> BuyLockedAsync(Guid shipmentId, CancellationToken ct)
    {
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == shipmentId, ct);
        var items = await db.ShipmentLines.Where(l => l.ShipmentId == shipmentId).SumAsync(l => l.Quantity, ct);
        var metadata = new Dictionary<string, string>
        {
            [CarrierWebhooks.TenantId] = shipment.TenantId.ToString(),
            [CarrierWebhooks.ShipmentId] = shipment.Id.ToString(),
        };
        Label label;
        try
        {
            label = await carrier.PurchaseLabelAsync(new LabelRequest(shipment.ServiceLevel, items, metadata), CarrierKey(TenantId, shipment.OrderId), ct);
        }
        catch (CarrierUnavailableException e)
        {
            var o = options.Value;
            var wait = Math.Min(o.RetryMaxSeconds, o.RetryFirstSeconds * Math.Pow(2, Math.Min(shipment.LabelAttempts, 20)));
            var due = clock.GetUtcNow().AddSeconds(wait);
            var reason = e.Message.Length > 256 ? e.Message[..256] : e.Message;
            await db.Shipments.Where(s => s.Id == shipmentId && s.Status == ShipmentStatuses.Requested).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.LabelAttempts, s => s.LabelAttempts + 1)
                .SetProperty(s => s.NextAttemptAt, due)
                .SetProperty(s => s.LastError, reason), ct);
            LogQueued(shipmentId, shipment.LabelAttempts + 1, due, reason);
            return LabelOutcome.Queued;
        }

        var moved = await moves.MoveAsync(shipmentId, ShipmentStatuses.LabelPurchased, "dispatch",
            $"Label {label.ServiceLevel} bought from {carrier.Name}", ct, set => set
                .SetProperty(s => s.Carrier, carrier.Name)
                .SetProperty(s => s.LabelId, label.LabelId)
                .SetProperty(s => s.TrackingNumber, label.TrackingNumber)
                .SetProperty(s => s.RateAmount, label.Amount)
                .SetProperty(s => s.RateCurrency, label.Currency)
                .SetProperty(s => s.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(s => s.LastError, (string?)null));
        return moved ? LabelOutcome.Bought : LabelOutcome.NotNeeded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment {ShipmentId}: label purchase {Attempt} failed, queued until {Due}: {Reason}")]
    partial void LogQueued(Guid shipmentId, int attempt, DateTimeOffset due, string reason);
}
