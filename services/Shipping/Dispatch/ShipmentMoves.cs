using DaprShop.Contracts;
using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Events;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DaprShop.Shipping.Dispatch;

/// <summary>
/// The one way a shipment's status changes: a compare-and-set UPDATE (<c>WHERE status = &lt;the status we saw&gt;</c>)
/// of a move <see cref="ShipmentTransitions"/> allows, the history row, and — only for the request whose UPDATE changed
/// the row — the event announcing it, all in one transaction (the caller's, if one is open). The database decides who
/// wins; a move that is no longer allowed (a late carrier update, a second cancel) changes nothing.
/// </summary>
internal sealed class ShipmentMoves(ShippingDb db, ICarrier carrier, IntegrationEventOutbox events, TimeProvider clock)
{
    /// <summary>Moves the shipment to <paramref name="to"/> if allowed from where it is; false if it is not (nothing changed).</summary>
    public async Task<bool> MoveAsync(Guid shipmentId, string to, string source, string? detail, CancellationToken ct,
        Action<UpdateSettersBuilder<Shipment>>? also = null)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var from = await db.Shipments.AsNoTracking().Where(s => s.Id == shipmentId).Select(s => s.Status).SingleOrDefaultAsync(ct);
            if (from is null || !ShipmentTransitions.Allows(from, to)) return false;

            var now = clock.GetUtcNow();
            var dispatching = from == ShipmentStatuses.LabelPurchased && ShipmentTransitions.IsHandedOver(to);
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            try
            {
                var changed = await db.Shipments.Where(s => s.Id == shipmentId && s.Status == from).ExecuteUpdateAsync(set =>
                {
                    set.SetProperty(s => s.Status, to).SetProperty(s => s.UpdatedAt, now);
                    if (dispatching) set.SetProperty(s => s.DispatchedAt, now);
                    if (to == ShipmentStatuses.Delivered) set.SetProperty(s => s.DeliveredAt, now);
                    also?.Invoke(set);
                }, ct);
                if (changed == 0)
                {
                    // Someone else moved it between our read and our UPDATE: look again.
                    if (own is not null) await own.RollbackAsync(ct);
                    continue;
                }

                var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == shipmentId, ct);
                db.History.Add(new ShipmentHistoryEntry
                {
                    ShipmentId = shipmentId,
                    Status = to,
                    At = now,
                    Source = source,
                    Detail = detail,
                });
                Announce(shipment, to, dispatching, detail);
                await db.SaveChangesAsync(ct);
                if (own is not null) await own.CommitAsync(ct);
                return true;
            }
            finally
            {
                if (own is not null) await own.DisposeAsync();
            }
        }

        throw new InvalidOperationException($"shipment {shipmentId} kept moving under us");
    }

    void Announce(Shipment s, string to, bool dispatching, string? detail)
    {
        var tracking = s.TrackingNumber ?? "";
        if (dispatching)
            events.Stage(Topics.ShippingEvents, new ShipmentDispatched(s.Id, s.OrderId, s.CustomerId, s.Carrier, tracking, carrier.TrackingUrl(tracking)));
        switch (to)
        {
            case ShipmentStatuses.Delivered:
                events.Stage(Topics.ShippingEvents, new ShipmentDelivered(s.Id, s.OrderId, s.CustomerId, tracking, s.DeliveredAt ?? s.UpdatedAt));
                break;
            case ShipmentStatuses.Exception:
                events.Stage(Topics.ShippingEvents, new ShipmentException(s.Id, s.OrderId, s.CustomerId, tracking, detail ?? "carrier exception"));
                break;
            case ShipmentStatuses.Cancelled:
                events.Stage(Topics.ShippingEvents, new ShipmentCancelled(s.Id, s.OrderId, s.CustomerId, detail ?? "cancelled"));
                break;
        }
    }
}
