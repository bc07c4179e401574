using DaprShop.Contracts;
using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Events;
using DaprShop.Shipping.Apis;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Shipping.Dispatch;

/// <summary>What a shipment request did: the shipment (and whether this call created it), or the problem that refused it.</summary>
internal sealed record Requested(Shipment? Shipment, bool Created, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem);

/// <summary>
/// A shipment per order, however often and however concurrently ordering asks: the unique index on (tenant, order id)
/// lets one insert win (with its <c>ShipmentCreated</c>, in the same transaction); the others continue with the
/// winner's row. Then the label is bought at once (<see cref="LabelPurchase"/>), or queued if the carrier is down.
/// </summary>
internal sealed class ShipmentRequests(ShippingDb db, ICarrier carrier, LabelPurchase labels, IntegrationEventOutbox events, TimeProvider clock)
{
    public async Task<Requested> RequestAsync(RequestShipmentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var level = request.ServiceLevel ?? ServiceLevels.Standard;
        var lines = Normalised(request.Lines!);
        var created = false;
        var shipment = await FindAsync(request.OrderId, ct);
        if (shipment is null)
        {
            var now = clock.GetUtcNow();
            shipment = new Shipment
            {
                Id = Guid.CreateVersion7(),
                OrderId = request.OrderId,
                OrderNumber = request.OrderNumber?.Trim(),
                CustomerId = request.CustomerId,
                ShippingAddressId = request.ShippingAddressId,
                ServiceLevel = level,
                Status = ShipmentStatuses.Requested,
                Carrier = carrier.Name,
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
                Lines = [.. lines.Select((l, i) => new ShipmentLine { LineNo = i + 1, ProductId = l.ProductId, Quantity = l.Quantity })],
            };
            db.Shipments.Add(shipment);
            db.History.Add(new ShipmentHistoryEntry
            {
                ShipmentId = shipment.Id,
                Status = ShipmentStatuses.Requested,
                At = now,
                Source = "ordering",
                Detail = "Shipment requested",
            });
            events.Stage(Topics.ShippingEvents, new ShipmentCreated(shipment.Id, shipment.OrderId, shipment.CustomerId, level));
            try
            {
                await db.SaveChangesAsync(ct);
                created = true;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                shipment = await FindAsync(request.OrderId, ct) ?? throw new InvalidOperationException("the winning shipment vanished");
            }
        }

        if (!created && !SameRequest(shipment, request, level, lines)) return new(null, false, ShippingProblems.OrderShippedDifferently(request.OrderId));

        if (shipment.Status == ShipmentStatuses.Requested && shipment.NextAttemptAt <= clock.GetUtcNow())
        {
            await labels.TryAsync(shipment.Id, ct);
            shipment = await FindAsync(request.OrderId, ct) ?? shipment;
        }

        return new(shipment, created, null);
    }

    public Task<Shipment?> FindAsync(Guid orderId, CancellationToken ct) =>
        db.Shipments.AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.OrderId == orderId, ct);

    /// <summary>One line per product (quantities of repeated products added), in product order: the request's fingerprint.</summary>
    static List<ShipmentLineRequest> Normalised(IEnumerable<ShipmentLineRequest> lines) =>
        [.. lines.GroupBy(l => l.ProductId).Select(g => new ShipmentLineRequest(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId)];

    static bool SameRequest(Shipment s, RequestShipmentRequest r, string level, List<ShipmentLineRequest> lines) =>
        s.CustomerId == r.CustomerId && s.ShippingAddressId == r.ShippingAddressId && s.ServiceLevel == level &&
        s.Lines.OrderBy(l => l.ProductId).Select(l => new ShipmentLineRequest(l.ProductId, l.Quantity)).SequenceEqual(lines);
}
