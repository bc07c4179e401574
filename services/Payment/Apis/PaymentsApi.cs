using System.Security.Claims;
using DaprShop.Contracts.Payment;
using DaprShop.Payment.Apis.Requests;
using DaprShop.Payment.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PaymentRow = DaprShop.Payment.Domain.Payment;

namespace DaprShop.Payment.Apis;

/// <summary>
/// Payments as people see them: a customer reads their own (another customer's is 404, like another tenant's); staff
/// read the tenant's; an admin refunds with a reason. Payments themselves are made by ordering's saga (internal routes).
/// </summary>
internal static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/payments/me").WithTags("Payments").RequireTenantUser();
        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnPayments")
            .WithSummary("The caller's payments, newest first")
            .WithValidation<PageRequest>();
        own.MapGet("/{id:guid}", GetOwnAsync)
            .WithName("GetOwnPayment")
            .WithSummary("One of the caller's payments, with its refunds");

        var staff = app.MapGroup("/api/v1/payments").WithTags("Payments");
        staff.MapGet("/", ListAsync)
            .WithName("ListPayments")
            .WithSummary("The tenant's payments, newest first; filter by status, customerId, orderId (admin or support)")
            .WithValidation<PageRequest>()
            .WithValidation<PaymentFilter>()
            .RequireAuthorization(Policies.Staff);
        staff.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPayment")
            .WithSummary("A payment of the tenant, with its refunds (admin or support)")
            .RequireAuthorization(Policies.Staff);
        staff.MapPost("/{id:guid}/refunds", RefundAsync)
            .WithName("RefundPayment")
            .WithSummary("Refund part or all of a captured payment with a reason (admin; Idempotency-Key required)")
            .WithValidation<AdminRefundRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithBodyLimit(BodyLimits.MaxBodyBytes)
            .WithProviderFailures();
        return app;
    }

    private static async Task<Results<Ok<PagedResponse<PaymentResponse>>, ProblemHttpResult>> ListOwnAsync(
        [AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        caller.TryGetUserId(out var userId);
        return TypedResults.Ok(await PageAsync(s.Db.Payments.AsNoTracking().Where(p => p.CustomerId == userId), paging, s));
    }

    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetOwnAsync(Guid id, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        caller.TryGetUserId(out var userId);
        return await DetailAsync(s.Db.Payments.AsNoTracking().Where(p => p.Id == id && p.CustomerId == userId), id, s);
    }

    private static async Task<Results<Ok<PagedResponse<PaymentResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, [AsParameters] PaymentFilter filter, [AsParameters] PaymentServices s)
    {
        var query = s.Db.Payments.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(p => p.State == status);
        if (filter.CustomerId is { } customer) query = query.Where(p => p.CustomerId == customer);
        if (filter.OrderId is { } order) query = query.Where(p => p.OrderId == order);
        return TypedResults.Ok(await PageAsync(query, paging, s));
    }

    private static Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] PaymentServices s) =>
        DetailAsync(s.Db.Payments.AsNoTracking().Where(p => p.Id == id), id, s);

    private static async Task<Results<Created<RefundResponse>, Ok<RefundResponse>, ProblemHttpResult>> RefundAsync(
        Guid id, AdminRefundRequest request, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        if (IdempotencyKeys.From(s.Http.Request) is not { } key) return PaymentProblems.IdempotencyKeyRequired();
        if (await s.Db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, s.CancellationToken) is not { } payment)
            return PaymentProblems.PaymentNotFound(id);
        caller.TryGetUserId(out var userId);
        var done = await s.Processor.RefundAsync(payment, request.Amount!, request.Reason!.Trim(), key, $"user:{userId}", s.CancellationToken);
        if (done.Problem is { } problem) return problem;
        var refund = done.Value!.ToResponse();
        return done.Created ? TypedResults.Created($"/api/v1/payments/{id}", refund) : TypedResults.Ok(refund);
    }

    static Task<PagedResponse<PaymentResponse>> PageAsync(IQueryable<PaymentRow> query, PageRequest paging, PaymentServices s) =>
        query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => p.ToResponse(null))
            .ToPageAsync(paging, s.CancellationToken);

    static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> DetailAsync(IQueryable<PaymentRow> query, Guid id, PaymentServices s)
    {
        if (await query.SingleOrDefaultAsync(s.CancellationToken) is not { } payment) return PaymentProblems.PaymentNotFound(id);
        var refunds = await s.Db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(s.CancellationToken);
        return TypedResults.Ok(payment.ToResponse(refunds));
    }
}
