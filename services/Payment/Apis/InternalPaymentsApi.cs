using DaprShop.Contracts.Payment;
using DaprShop.Payment.Domain;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Payment.Apis;

/// <summary>
/// ordering's saga, through Dapr invocation with no user token: the tenant is the one ordering names in
/// <c>X-Tenant-ID</c>, and only ordering, through payment's own sidecar, may call (kit's <c>RequireServiceCaller</c>).
/// Every route is idempotent by order id (refunds by Idempotency-Key), so the saga retries freely. A decline is not an
/// error here: the payment comes back with status <c>failed</c> and its failure code.
/// </summary>
internal static class InternalPaymentsApi
{
    public const string Caller = "ordering";

    public static IEndpointRouteBuilder MapInternalPaymentsApi(this IEndpointRouteBuilder app)
    {
        // No user token: trust comes from the mesh (RequireServiceCaller), so the token requirement is lifted.
        var saga = app.MapGroup("/internal/v1/payments").WithTags("Internal")
            .RequireServiceCaller(Caller).AllowAnonymous().WithBodyLimit(BodyLimits.MaxBodyBytes).WithProviderFailures();

        saga.MapPost("/", AuthorizeAsync)
            .WithName("AuthorizePayment")
            .WithSummary("Authorise an order's amount on a customer's payment method token (201 first time, 200 on a retry)")
            .WithValidation<AuthorizePaymentRequest>();
        saga.MapGet("/{orderId:guid}", GetAsync)
            .WithName("GetOrderPayment")
            .WithSummary("An order's payment");
        saga.MapPost("/{orderId:guid}/capture", CaptureAsync)
            .WithName("CapturePayment")
            .WithSummary("Capture the authorisation (all, or the amount given), exactly once");
        saga.MapPost("/{orderId:guid}/void", VoidAsync)
            .WithName("VoidPayment")
            .WithSummary("Release the authorisation (a failed or voided payment answers as it is: nothing is held)");
        saga.MapPost("/{orderId:guid}/refunds", RefundAsync)
            .WithName("RefundOrderPayment")
            .WithSummary("Refund part or all of the capture, once per Idempotency-Key")
            .WithValidation<RefundPaymentRequest>();
        return app;
    }

    private static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>, ProblemHttpResult>> AuthorizeAsync(
        AuthorizePaymentRequest request, [AsParameters] PaymentServices s)
    {
        var done = await s.Processor.AuthorizeAsync(request, s.CancellationToken);
        if (done.Problem is { } problem) return problem;
        var response = done.Value!.ToResponse();
        return done.Created ? TypedResults.Created(PaymentRoutes.Payment(request.OrderId), response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetAsync(Guid orderId, [AsParameters] PaymentServices s)
    {
        if (await s.Processor.FindByOrderAsync(orderId, s.CancellationToken) is not { } payment) return PaymentProblems.PaymentNotFound(orderId);
        var refunds = await s.Db.Refunds.AsNoTracking().Where(r => r.PaymentId == payment.Id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToListAsync(s.CancellationToken);
        return TypedResults.Ok(payment.ToResponse(refunds));
    }

    private static async Task<Results<Ok<PaymentResponse>, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        Guid orderId, CapturePaymentRequest? request, IValidator<CapturePaymentRequest> validator, [AsParameters] PaymentServices s)
    {
        // The body is optional (no body: capture what was authorised), so it is validated here rather than by the filter.
        if (request is not null)
        {
            var result = await validator.ValidateAsync(request, s.CancellationToken);
            if (!result.IsValid) return result.ToValidationProblem();
        }

        var done = await s.Processor.CaptureAsync(orderId, request?.Amount, s.CancellationToken);
        return done.Problem is { } problem ? problem : TypedResults.Ok(done.Value!.ToResponse());
    }

    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> VoidAsync(Guid orderId, [AsParameters] PaymentServices s)
    {
        var done = await s.Processor.VoidAsync(orderId, s.CancellationToken);
        return done.Problem is { } problem ? problem : TypedResults.Ok(done.Value!.ToResponse());
    }

    private static async Task<Results<Created<RefundResponse>, Ok<RefundResponse>, ProblemHttpResult>> RefundAsync(
        Guid orderId, RefundPaymentRequest request, [AsParameters] PaymentServices s)
    {
        if (IdempotencyKeys.From(s.Http.Request) is not { } key) return PaymentProblems.IdempotencyKeyRequired();
        if (await s.Processor.FindByOrderAsync(orderId, s.CancellationToken) is not { } payment) return PaymentProblems.PaymentNotFound(orderId);
        var done = await s.Processor.RefundAsync(payment, request.Amount!, request.Reason?.Trim(), key, $"app:{Caller}", s.CancellationToken);
        if (done.Problem is { } problem) return problem;
        var refund = done.Value!.ToResponse();
        return done.Created ? TypedResults.Created(PaymentRoutes.Payment(orderId), refund) : TypedResults.Ok(refund);
    }
}
