using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.Shipping.Apis;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Shipping.Dispatch;

/// <summary>
/// An admin cancels a shipment not yet handed over. The row is locked (<c>FOR UPDATE</c>) as the label purchase locks
/// it, so a cancel and a purchase take turns; a bought label is voided at the carrier first (the carrier refuses once it
/// picked the parcel up: 409). Cancelling a cancelled shipment answers it as it is.
/// </summary>
internal sealed class ShipmentCancellation(ShippingDb db, ICarrier carrier, ShipmentMoves moves, ITenantContext tenant)
{
    public async Task<ProblemHttpResult?> CancelAsync(Guid shipmentId, string reason, string source, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("no tenant in context");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var status = (await db.Database.SqlQuery<string>(
            $"SELECT status AS \"Value\" FROM shipments WHERE id = {shipmentId} AND tenant_id = {tenantId} FOR UPDATE").ToListAsync(ct)).SingleOrDefault();
        if (status is null) return ShippingProblems.ShipmentNotFound(shipmentId);
        if (status == ShipmentStatuses.Cancelled) return null;
        if (!Domain.ShipmentTransitions.MayCancel(status)) return ShippingProblems.NotCancellable(status);

        if (status == ShipmentStatuses.LabelPurchased)
        {
            var labelId = await db.Shipments.AsNoTracking().Where(s => s.Id == shipmentId).Select(s => s.LabelId).SingleAsync(ct);
            if (labelId is not null && !await carrier.VoidLabelAsync(labelId, ct))
                return ShippingProblems.NotCancellable(ShipmentStatuses.InTransit, "The carrier has picked the parcel up already.");
        }

        await moves.MoveAsync(shipmentId, ShipmentStatuses.Cancelled, source, reason, ct);
        await tx.CommitAsync(ct);
        return null;
    }
}
