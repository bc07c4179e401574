using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Apis.Requests;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Inventory.Apis;

/// <summary>The tenant's reservations, read by admins and support (changes come from ordering and the expiry sweep).</summary>
internal static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reservations").WithTags("Reservations");

        api.MapGet("/", ListAsync)
            .WithName("ListReservations")
            .WithSummary("List the tenant's reservations, newest first, optionally by status (admin or support)")
            .WithValidation<PageRequest>()
            .WithValidation<ReservationFilter>()
            .RequireAuthorization(Policies.Staff);

        api.MapGet("/{orderId:guid}", GetAsync)
            .WithName("GetReservation")
            .WithSummary("Get an order's reservation (admin or support)")
            .RequireAuthorization(Policies.Staff);

        return app;
    }

    static async Task<Ok<PagedResponse<ReservationResponse>>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] ReservationFilter filter, [AsParameters] InventoryServices s)
    {
        var query = s.Db.Reservations.AsNoTracking().Include(r => r.Lines).AsQueryable();
        if (filter.Status is { } status) query = query.Where(r => r.Status == status);
        var page = await query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.OrderId).ToPageAsync(paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(ReservationBook.ToResponse));
    }

    static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(Guid orderId, [AsParameters] InventoryServices s) =>
        await s.Reservations.ReadAsync(orderId, s.CancellationToken) is { } r
            ? TypedResults.Ok(r)
            : InventoryProblems.ReservationNotFound(orderId);
}
