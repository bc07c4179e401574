using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Shipping.Apis;

/// <summary>What the shipment endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record ShippingServices(ShippingDb Db, ICarrier Carrier, TimeProvider Clock, CancellationToken CancellationToken)
{
    /// <summary>The one shipment <paramref name="query"/> finds (tenant-filtered by the model), with its lines and history; else 404.</summary>
    public async Task<Results<Ok<Contracts.Shipping.ShipmentResponse>, ProblemHttpResult>> DetailAsync(IQueryable<Shipment> query, object id)
    {
        if (await query.AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(CancellationToken) is not { } shipment)
            return ShippingProblems.ShipmentNotFound(id);
        var history = await Db.History.AsNoTracking().Where(h => h.ShipmentId == shipment.Id).OrderBy(h => h.Id)
            .ToListAsync(CancellationToken);
        return TypedResults.Ok(shipment.ToResponse(Carrier, history));
    }
}
