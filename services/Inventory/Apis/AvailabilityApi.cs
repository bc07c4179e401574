using DaprShop.Contracts.Inventory;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Inventory.Apis;

/// <summary>What can be sold now of many SKUs at once, for cart and ordering through Dapr service invocation.</summary>
internal static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/v1/stock/availability", GetAvailabilityAsync)
            .WithName("GetStockAvailability")
            .WithTags("Internal")
            .WithSummary("Available units (on hand − reserved) of up to 200 distinct SKUs; a SKU not stocked is 0")
            .WithBodyLimit(BodyLimits.MaxBodyBytes)
            .RequireServiceCaller("cart", "ordering")
            .WithValidation<StockAvailabilityRequest>();
        return app;
    }

    static async Task<Ok<StockAvailabilityResponse>> GetAvailabilityAsync(StockAvailabilityRequest request, [AsParameters] InventoryServices s)
    {
        var skus = request.Skus.ToList();
        var found = await s.Db.Stock.AsNoTracking().Where(x => skus.Contains(x.Sku))
            .ToDictionaryAsync(x => x.Sku, x => x.OnHand - x.Reserved, StringComparer.Ordinal, s.CancellationToken);
        return TypedResults.Ok(new StockAvailabilityResponse([.. skus.Select(sku => new SkuAvailability(sku, found.GetValueOrDefault(sku)))]));
    }
}
