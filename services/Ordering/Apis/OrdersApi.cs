using System.Globalization;
using System.Security.Claims;
using DaprShop.Ordering.Apis.Requests;
using DaprShop.Ordering.Data;
using DaprShop.Ordering.Domain;
using DaprShop.Ordering.Downstream;
using DaprShop.Ordering.Placement;
using DaprShop.Ordering.Saga;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Idempotency;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Ordering.Apis;

/// <summary>
/// Orders: a customer places, reads and cancels their own; support and admin read the tenant's. Every read goes through
/// the tenant filter; a customer's reads are also filtered to their own orders, so another's id is a 404.
/// </summary>
internal static class OrdersApi
{
    /// <summary>The largest order (100 lines) is far below; Kestrel's default would read 30 MB before refusing.</summary>
    const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders").WithBodyLimit(MaxBodyBytes);

        api.MapPost("/", PlaceAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order (Idempotency-Key required): 201 Pending; the saga confirms or fails it")
            .RequireAuthorization(Policies.Customer)
            .WithValidation<PlaceOrderRequest>()
            .RequireIdempotencyKey<PlaceOrderRequest>();

        api.MapGet("/", ListAsync)
            .WithName("ListOrders")
            .WithSummary("Own orders (customers) or the tenant's (support, admin), newest first; attention=true (staff): the orders flagged for operators")
            .RequireAuthorization()
            .WithValidation<PageRequest>()
            .WithValidation<OrderFilter>();

        api.MapGet("/{id:guid}", GetAsync)
            .WithName("GetOrder")
            .WithSummary("One order with its lines and status history")
            .RequireAuthorization();

        api.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel an own order before it ships; the payment is voided or refunded and the stock released")
            .RequireAuthorization(Policies.Customer);

        api.MapPost("/{id:guid}/attention/resolve", ResolveAttentionAsync)
            .WithName("ResolveOrderAttention")
            .WithSummary("Admin: mark a flagged order settled by hand, saying what was done; it leaves the attention list")
            .RequireAuthorization(Policies.Admin)
            .WithValidation<ResolveAttentionRequest>();

        return app;
    }

    static async Task<IResult> PlaceAsync(PlaceOrderRequest request, ClaimsPrincipal user, [AsParameters] OrderServices s)
    {
        if (!user.TryGetUserId(out var customerId)) return TypedResults.Forbid();
        var key = IdempotencyKey.Of(s.Http);
        PlacementOutcome outcome;
        if (request.Lines is not null) outcome = await s.Placement.PlaceAsync(request, OrderedLines.Explicit(request), customerId, key, s.CancellationToken);
        else if (await s.Placement.StoredAnswerAsync(customerId, key, s.CancellationToken) is { } stored) outcome = stored;
        else
        {
            // A checkout of the cart: its lines as they are now are what is ordered (and fingerprinted for the duplicate
            // check). Read outside the placement's transaction, so no database lock waits on cart.
            IReadOnlyList<(Guid, int)> cartLines;
            try
            {
                cartLines = await s.Cart.LinesAsync(s.Db.RequireTenant(), customerId, s.CancellationToken);
            }
            catch (DependencyUnavailableException e)
            {
                s.Log.LogWarning(e, "Checkout of the cart of {CustomerId}: cart unavailable", customerId);
                s.Http.Response.Headers.RetryAfter = OrderingProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return OrderingProblems.CartUnavailable();
            }
            outcome = await s.Placement.PlaceAsync(request, new OrderedLines(cartLines, FromCart: true), customerId, key, s.CancellationToken);
        }

        switch (outcome)
        {
            case PlacementOutcome.Created created:
                try
                {
                    await s.Sagas.StartSagaAsync(new OrderSagaInput(created.Order.Id, s.Db.RequireTenant(), customerId,
                        request.ShippingAddressId!.Value, request.BillingAddressId!.Value, request.PaymentMethodToken!.Trim(),
                        s.Options.Value.PaymentResultTimeoutSeconds), CancellationToken.None);
                }
                catch (Exception e) when (e is RpcException or TimeoutException or HttpRequestException)
                {
                    // The order is placed (committed with its OrderCreated): the backstop starts its saga from that event.
                    s.Log.LogWarning(e, "Order {OrderId} placed; its saga did not start now and starts from OrderCreated", created.Order.Id);
                }
                return TypedResults.Created($"/api/v1/orders/{created.Order.Id}", created.Order);
            case PlacementOutcome.Replayed replayed:
                // The first answer, byte for byte; a request that came while the first was in flight waited for it.
                s.Http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(replayed.Body, "application/json", statusCode: replayed.StatusCode);
            case PlacementOutcome.KeyReused:
                return OrderingProblems.KeyReused();
            case PlacementOutcome.Duplicate d:
                return OrderingProblems.Duplicate(d.ExistingOrderId, d.ExistingNumber);
            case PlacementOutcome.EmptyCart:
                return OrderingProblems.EmptyCart();
            case PlacementOutcome.TooMany t:
                s.Http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(t.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return OrderingProblems.TooMany();
            default:
                throw new InvalidOperationException($"unknown outcome {outcome}");
        }
    }

    static async Task<Results<Ok<PagedResponse<OrderResponse>>, ForbidHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] OrderFilter filter, ClaimsPrincipal user, [AsParameters] OrderServices s)
    {
        if (Visible(s.Db, user) is not { } orders) return TypedResults.Forbid();
        var staff = user.IsStaff();
        if (filter.Status is not null) orders = orders.Where(o => o.Status == filter.Status);
        if (filter.CustomerId is { } customer) orders = orders.Where(o => o.CustomerId == customer);
        if (filter.Attention is { } attention)
        {
            // The operators' queue: a customer has no business with it (and its reasons name services and their errors).
            if (!staff) return TypedResults.Forbid();
            orders = orders.Where(o => o.NeedsAttention == attention);
        }
        var page = await orders.AsNoTracking().Include(o => o.Lines)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).ToPageAsync(paging, s.CancellationToken);
        return TypedResults.Ok(page.Map(o => OrderResponse.From(o, withHistory: false, forStaff: staff)));
    }

    static async Task<Results<Ok<OrderResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, [AsParameters] OrderServices s)
    {
        if (Visible(s.Db, user) is not { } orders) return TypedResults.Forbid();
        var order = await orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.History)
            .SingleOrDefaultAsync(o => o.Id == id, s.CancellationToken);
        return order is null ? OrderingProblems.OrderNotFound(id) : TypedResults.Ok(OrderResponse.From(order, withHistory: true, forStaff: user.IsStaff()));
    }

    static async Task<Results<Ok<OrderResponse>, ProblemHttpResult, ForbidHttpResult, ValidationProblem>> CancelAsync(
        Guid id, [FromBody] CancelOrderRequest? request, ClaimsPrincipal user, [AsParameters] OrderServices s)
    {
        if (!user.TryGetUserId(out var customerId)) return TypedResults.Forbid();
        var reason = request?.Reason?.Trim();
        if (reason is { Length: > 200 } || (reason is not null && reason.Contains('\0', StringComparison.Ordinal)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["At most 200 characters, no NUL."] });
        if (!await s.Db.Orders.AnyAsync(o => o.Id == id && o.CustomerId == customerId, s.CancellationToken))
            return OrderingProblems.OrderNotFound(id);

        var outcome = await s.Commands.TransitionAsync(id, OrderStatus.Cancelled, IntegrationEvents.StartCancellationOnOrderCancelled.CustomerCancel,
            string.IsNullOrEmpty(reason) ? "cancelled by customer" : $"cancelled by customer: {reason}", s.CancellationToken);
        switch (outcome.Result)
        {
            case TransitionResult.NotFound:
                return OrderingProblems.OrderNotFound(id);
            case TransitionResult.Illegal or TransitionResult.AlreadyThere:
                return OrderingProblems.Illegal(id, outcome.Current!.Value.ToCode(), "cancelled");
        }

        // The money and stock come back through the cancellation workflow, whatever the saga has done so far: a saga still
        // running finds the order cancelled at its next step and gives back what it took, and of the two, whichever
        // acts second finds the payment and the reservation settled.
        try
        {
            await s.Sagas.StartCancellationAsync(new OrderRef(s.Db.RequireTenant(), id), CancellationToken.None);
        }
        catch (Exception e) when (e is RpcException or TimeoutException or HttpRequestException)
        {
            // The cancel is committed with its OrderCancelled: the backstop starts the cancellation from that event.
            s.Log.LogWarning(e, "Order {OrderId} cancelled; its cancellation did not start now and starts from OrderCancelled", id);
        }
        var order = await s.Db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.History)
            .SingleAsync(o => o.Id == id, s.CancellationToken);
        return TypedResults.Ok(OrderResponse.From(order, withHistory: true));
    }

    /// <summary>
    /// One conditional UPDATE: of two admins resolving at once, one succeeds and the other is told there is nothing left
    /// to resolve. The flag's reason and time stay, beside who resolved it, when and how.
    /// </summary>
    static async Task<Results<Ok<OrderResponse>, ProblemHttpResult, ForbidHttpResult>> ResolveAttentionAsync(
        Guid id, ResolveAttentionRequest request, ClaimsPrincipal user, [AsParameters] OrderServices s)
    {
        if (!user.TryGetUserId(out var adminId)) return TypedResults.Forbid();
        var tenantId = s.Db.RequireTenant();
        var now = s.Clock.GetUtcNow();
        var note = request.Note!.Trim();
        var resolved = await s.Db.Database.ExecuteSqlAsync($"""
            UPDATE orders SET needs_attention = FALSE, attention_resolved_at = {now}, attention_resolved_by = {adminId},
                              attention_resolution = {note}, updated_at = {now}
             WHERE tenant_id = {tenantId} AND id = {id} AND needs_attention
            """, s.CancellationToken);
        var order = await s.Db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.History)
            .SingleOrDefaultAsync(o => o.Id == id, s.CancellationToken);
        if (order is null) return OrderingProblems.OrderNotFound(id);
        if (resolved == 0) return OrderingProblems.NotFlagged(id);
        s.Log.LogInformation("Order {OrderId}: attention resolved by {AdminId}", id, adminId);
        return TypedResults.Ok(OrderResponse.From(order, withHistory: true, forStaff: true));
    }

    /// <summary>The orders the caller may see: staff the tenant's, a customer their own; null for a token without a user id.</summary>
    static IQueryable<Order>? Visible(OrderingDb db, ClaimsPrincipal user)
    {
        if (user.IsStaff()) return db.Orders;
        return user.TryGetUserId(out var id) ? db.Orders.Where(o => o.CustomerId == id) : null;
    }
}
