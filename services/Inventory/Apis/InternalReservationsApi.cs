using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Reservations;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Inventory.Apis;

/// <summary>
/// Reservations for ordering, through Dapr service invocation (never the gateway): through this app's sidecar, from the
/// app id <c>ordering</c>, for the tenant in <c>X-Tenant-ID</c>. Reserve, release, commit and return are idempotent per
/// order id.
/// </summary>
internal static class InternalReservationsApi
{
    public const string Caller = "ordering";

    public static IEndpointRouteBuilder MapInternalReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/v1/reservations").WithTags("Internal").WithBodyLimit(BodyLimits.MaxBodyBytes);

        // The caller check comes first: a stranger learns nothing, not even whether its body was valid.
        api.MapPost("/", ReserveAsync)
            .WithName("ReserveStock")
            .WithSummary("Hold every line for an order or none (201; the same order and lines again: 200, no second hold)")
            .RequireServiceCaller(Caller)
            .WithValidation<ReserveStockRequest>();

        api.MapGet("/{orderId:guid}", GetAsync)
            .WithName("GetReservationForService")
            .WithSummary("Read an order's reservation")
            .RequireServiceCaller(Caller);

        api.MapPost("/{orderId:guid}/release", ReleaseAsync)
            .WithName("ReleaseReservation")
            .WithSummary("Release an order's held stock (idempotent; 409 once committed)")
            .RequireServiceCaller(Caller);

        api.MapPost("/{orderId:guid}/commit", CommitAsync)
            .WithName("CommitReservation")
            .WithSummary("Turn an order's held stock into a decrement (idempotent; 409 once released or expired)")
            .RequireServiceCaller(Caller);

        api.MapPost("/{orderId:guid}/return", ReturnAsync)
            .WithName("ReturnReservation")
            .WithSummary("Put a cancelled order's committed units back on hand (idempotent; 409 while held: release it instead)")
            .RequireServiceCaller(Caller);

        return app;
    }

    static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult>> ReserveAsync(
        ReserveStockRequest request, [AsParameters] InventoryServices s)
    {
        var outcome = await s.Reservations.ReserveAsync(request.OrderId, request.Lines, Actors.Of(s.Http.Request), s.CancellationToken);
        return outcome.Result switch
        {
            ReservationResult.Applied => TypedResults.Created($"/internal/v1/reservations/{request.OrderId}", outcome.Reservation),
            ReservationResult.AlreadyDone => TypedResults.Ok(outcome.Reservation),
            ReservationResult.InsufficientStock => InventoryProblems.Insufficient(outcome.Shortages!),
            _ => InventoryProblems.OtherLines(request.OrderId),
        };
    }

    static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(Guid orderId, [AsParameters] InventoryServices s) =>
        await s.Reservations.ReadAsync(orderId, s.CancellationToken) is { } r
            ? TypedResults.Ok(r)
            : InventoryProblems.ReservationNotFound(orderId);

    static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ReleaseAsync(Guid orderId, [AsParameters] InventoryServices s) =>
        Answer(orderId, "released",
            await s.Reservations.ReleaseAsync(orderId, "released", Actors.Of(s.Http.Request), s.CancellationToken));

    static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> CommitAsync(Guid orderId, [AsParameters] InventoryServices s) =>
        Answer(orderId, "committed", await s.Reservations.CommitAsync(orderId, Actors.Of(s.Http.Request), s.CancellationToken));

    static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> ReturnAsync(Guid orderId, [AsParameters] InventoryServices s)
    {
        var outcome = await s.Reservations.ReturnAsync(orderId, Actors.Of(s.Http.Request), s.CancellationToken);
        return outcome.Result switch
        {
            ReservationResult.Applied or ReservationResult.AlreadyDone => TypedResults.Ok(outcome.Reservation),
            ReservationResult.NotFound => InventoryProblems.ReservationNotFound(orderId),
            // Held: its units never left stock (release it); released or expired: they are back already.
            _ => InventoryProblems.ReservationInState(orderId, outcome.Reservation!.Status, "returned"),
        };
    }

    static Results<Ok<ReservationResponse>, ProblemHttpResult> Answer(Guid orderId, string wanted, ReservationOutcome outcome) =>
        outcome.Result switch
        {
            ReservationResult.Applied or ReservationResult.AlreadyDone => TypedResults.Ok(outcome.Reservation),
            ReservationResult.NotFound => InventoryProblems.ReservationNotFound(orderId),
            _ => InventoryProblems.ReservationInState(orderId, ExpiredIfDue(outcome.Reservation!), wanted),
        };

    /// <summary>A held reservation past its time is expired for every purpose but the sweep's bookkeeping.</summary>
    static string ExpiredIfDue(ReservationResponse r) =>
        r.Status == ReservationStatuses.Held ? ReservationStatuses.Expired : r.Status;
}
