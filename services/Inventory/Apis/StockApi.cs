using System.Security.Claims;
using DaprShop.Contracts.Catalog;
using DaprShop.Inventory.Apis.Requests;
using DaprShop.Inventory.Domain;
using DaprShop.Inventory.Stock;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Inventory.Apis;

/// <summary>
/// Stock of the caller's tenant: read by admins and support, adjusted by admins, each change a ledger line. The tenant
/// comes from the token and the data layer (or the SQL's tenant clause) filters by it: another tenant's SKU is not found.
/// </summary>
internal static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stock").WithTags("Stock").WithBodyLimit(BodyLimits.MaxBodyBytes);

        api.MapGet("/", ListAsync)
            .WithName("ListStock")
            .WithSummary("List the tenant's stock by SKU (admin or support)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/{sku}", GetAsync)
            .WithName("GetStock")
            .WithSummary("Get one SKU's stock: on hand, reserved, available, threshold (admin or support)")
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/{sku}/movements", MovementsAsync)
            .WithName("ListStockMovements")
            .WithSummary("A SKU's movement ledger, newest first (admin or support)")
            .WithValidation<PageRequest>()
            .RequireAuthorization(Policies.Staff);

        foreach (var kind in MovementKinds.Adjustments)
        {
            api.MapPost($"/{{sku}}/{kind}", (string sku, AdjustmentRequest request, ClaimsPrincipal user, [AsParameters] InventoryServices s) =>
                    AdjustAsync(kind, sku, request, user, s))
                .WithName(kind switch { MovementKinds.Receive => "ReceiveStock", MovementKinds.Correct => "CorrectStock", _ => "WriteOffStock" })
                .WithSummary(kind switch
                {
                    MovementKinds.Receive => "Receive units of a SKU (creates its stock on first receipt)",
                    MovementKinds.Correct => "Set on hand to a counted figure (not below the reserved units)",
                    _ => "Write off damaged or lost units (not below the reserved units)",
                })
                .WithValidation<AdjustmentRequest>()
                .RequireAuthorization(Policies.Admin);
        }

        api.MapPut("/{sku}/threshold", SetThresholdAsync)
            .WithName("SetLowStockThreshold")
            .WithSummary("Set the low-stock threshold of a SKU (0 = no alert)")
            .WithValidation<ThresholdRequest>()
            .RequireAuthorization(Policies.Admin);

        return app;
    }

    static async Task<Ok<PagedResponse<StockResponse>>> ListAsync([AsParameters] PageRequest paging, [AsParameters] InventoryServices s)
    {
        var page = await s.Db.Stock.AsNoTracking().OrderBy(x => x.Sku).ToPageAsync(paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(StockResponse.From));
    }

    static async Task<Results<Ok<StockResponse>, ProblemHttpResult, ValidationProblem>> GetAsync(string sku, [AsParameters] InventoryServices s)
    {
        if (!Skus.IsValid(sku)) return InventoryProblems.InvalidSku();
        var item = await s.Db.Stock.AsNoTracking().SingleOrDefaultAsync(x => x.Sku == sku, s.CancellationToken);
        return item is null ? InventoryProblems.StockNotFound(sku) : TypedResults.Ok(StockResponse.From(item));
    }

    static async Task<Results<Ok<PagedResponse<MovementResponse>>, ProblemHttpResult, ValidationProblem>> MovementsAsync(
        string sku, [AsParameters] PageRequest paging, [AsParameters] InventoryServices s)
    {
        if (!Skus.IsValid(sku)) return InventoryProblems.InvalidSku();
        if (!await s.Db.Stock.AnyAsync(x => x.Sku == sku, s.CancellationToken)) return InventoryProblems.StockNotFound(sku);
        var page = await s.Db.Movements.AsNoTracking().Where(m => m.Sku == sku)
            .OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id)
            .ToPageAsync(paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(MovementResponse.From));
    }

    static async Task<Results<Ok<AdjustmentResponse>, ProblemHttpResult, ValidationProblem>> AdjustAsync(
        string kind, string sku, AdjustmentRequest request, ClaimsPrincipal user, InventoryServices s)
    {
        if (!Skus.IsValid(sku)) return InventoryProblems.InvalidSku();
        if (kind != MovementKinds.Correct && request.Quantity < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["Must be at least 1."] });
        }

        var outcome = await s.Adjustments.AdjustAsync(kind, sku, request.Quantity!.Value, request.Reason!.Trim(),
            request.AdjustmentId, Actors.Of(user), s.CancellationToken);
        return outcome.Result switch
        {
            AdjustmentResult.Applied or AdjustmentResult.Replayed =>
                TypedResults.Ok(new AdjustmentResponse(MovementResponse.From(outcome.Movement!), StockResponse.From(outcome.Stock!))),
            AdjustmentResult.IdReused => InventoryProblems.AdjustmentReused(request.AdjustmentId!.Value),
            AdjustmentResult.NotFound => InventoryProblems.StockNotFound(sku),
            _ => InventoryProblems.WouldBreakStock(sku, outcome.Stock),
        };
    }

    static async Task<Results<Ok<StockResponse>, ProblemHttpResult, ValidationProblem>> SetThresholdAsync(
        string sku, ThresholdRequest request, ClaimsPrincipal user, [AsParameters] InventoryServices s,
        Data.StockCommands stock)
    {
        if (!Skus.IsValid(sku)) return InventoryProblems.InvalidSku();
        var threshold = request.Threshold!.Value;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? $"threshold set to {threshold}" : request.Reason.Trim();
        var changed = await stock.SetThresholdAsync(s.Db.RequireTenant(), sku, threshold,
            new Data.MovementContext(MovementKinds.Threshold, reason, Actors.Of(user)), s.CancellationToken);
        if (changed is null) return InventoryProblems.StockNotFound(sku);
        var item = await s.Db.Stock.AsNoTracking().SingleAsync(x => x.Sku == sku, s.CancellationToken);
        return TypedResults.Ok(StockResponse.From(item));
    }
}
