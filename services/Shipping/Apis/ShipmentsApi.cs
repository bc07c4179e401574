using System.Security.Claims;
using DaprShop.Contracts.Shipping;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using DaprShop.Shipping.Apis.Requests;
using DaprShop.Shipping.Dispatch;
using DaprShop.Shipping.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Shipping.Apis;

/// <summary>
/// Shipments as people see them: a customer follows their own (another customer's is 404, like another tenant's);
/// staff read the tenant's; an admin cancels one not yet handed over to the carrier. Shipments themselves are requested
/// by ordering's saga (internal routes) and moved by the carrier (webhooks).
/// </summary>
internal static class ShipmentsApi
{
    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/shipments/me").WithTags("Shipments").RequireTenantUser();
        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnShipments")
            .WithSummary("The caller's shipments with their tracking, newest first")
            .WithValidation<PageRequest>();
        own.MapGet("/{id:guid}", GetOwnAsync)
            .WithName("GetOwnShipment")
            .WithSummary("One of the caller's shipments, with tracking and status history");

        var staff = app.MapGroup("/api/v1/shipments").WithTags("Shipments");
        staff.MapGet("/", ListAsync)
            .WithName("ListShipments")
            .WithSummary("The tenant's shipments, newest first; filter by status, customerId, orderId (admin or support)")
            .WithValidation<PageRequest>()
            .WithValidation<ShipmentFilter>()
            .RequireAuthorization(Policies.Staff);
        staff.MapGet("/{id:guid}", GetAsync)
            .WithName("GetShipment")
            .WithSummary("A shipment of the tenant, with its status history (admin or support)")
            .RequireAuthorization(Policies.Staff);
        staff.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelShipment")
            .WithSummary("Cancel a shipment not yet handed over to the carrier, with a reason (admin); 409 once the carrier has it")
            .WithValidation<CancelShipmentRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithBodyLimit(BodyLimits.MaxBodyBytes)
            .WithCarrierFailures();
        return app;
    }

    private static async Task<Ok<PagedResponse<ShipmentResponse>>> ListOwnAsync(
        [AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] ShippingServices s)
    {
        caller.TryGetUserId(out var userId);
        return TypedResults.Ok(await PageAsync(s.Db.Shipments.Where(x => x.CustomerId == userId), paging, s));
    }

    private static Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetOwnAsync(Guid id, ClaimsPrincipal caller, [AsParameters] ShippingServices s)
    {
        caller.TryGetUserId(out var userId);
        return s.DetailAsync(s.Db.Shipments.Where(x => x.Id == id && x.CustomerId == userId), id);
    }

    private static async Task<Ok<PagedResponse<ShipmentResponse>>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] ShipmentFilter filter, [AsParameters] ShippingServices s)
    {
        var query = s.Db.Shipments.AsQueryable();
        if (filter.Status is { } status) query = query.Where(x => x.Status == status);
        if (filter.CustomerId is { } customer) query = query.Where(x => x.CustomerId == customer);
        if (filter.OrderId is { } order) query = query.Where(x => x.OrderId == order);
        return TypedResults.Ok(await PageAsync(query, paging, s));
    }

    private static Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ShippingServices s) =>
        s.DetailAsync(s.Db.Shipments.Where(x => x.Id == id), id);

    private static async Task<Results<Ok<ShipmentResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, CancelShipmentRequest request, ClaimsPrincipal caller, ShipmentCancellation cancellation, [AsParameters] ShippingServices s)
    {
        caller.TryGetUserId(out var userId);
        if (await cancellation.CancelAsync(id, request.Reason!.Trim(), $"admin:{userId}", s.CancellationToken) is { } problem) return problem;
        return await s.DetailAsync(s.Db.Shipments.Where(x => x.Id == id), id);
    }

    static async Task<PagedResponse<ShipmentResponse>> PageAsync(IQueryable<Shipment> query, PageRequest paging, ShippingServices s) =>
        (await query.AsNoTracking().Include(x => x.Lines).AsSplitQuery()
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .ToPageAsync(paging, s.CancellationToken)).Map(x => x.ToResponse(s.Carrier));
}
