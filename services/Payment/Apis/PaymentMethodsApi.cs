using System.Security.Claims;
using DaprShop.Payment.Apis.Requests;
using DaprShop.Payment.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Paging;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Payment.Apis;

/// <summary>
/// The caller's own cards. Adding one is the only route a card number ever reaches: it goes to the provider for a token,
/// and only the token, brand, last four and expiry are kept. Another user's or tenant's card is 404.
/// </summary>
internal static class PaymentMethodsApi
{
    public static IEndpointRouteBuilder MapPaymentMethodsApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/payment-methods").WithTags("PaymentMethods").RequireTenantUser().WithBodyLimit(BodyLimits.MaxBodyBytes);

        own.MapPost("/", AddAsync)
            .WithName("AddPaymentMethod")
            .WithSummary("Tokenise a card (number, expiry, CVC, holder) and keep it as one of the caller's payment methods")
            .WithValidation<AddPaymentMethodRequest>()
            .WithProviderFailures();

        own.MapGet("/", ListAsync)
            .WithName("ListPaymentMethods")
            .WithSummary("The caller's payment methods (token, brand, last four, expiry), newest first")
            .WithValidation<PageRequest>();

        own.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeletePaymentMethod")
            .WithSummary("Remove one of the caller's payment methods; payments made with it keep its brand and last four");

        return app;
    }

    private static async Task<Results<Created<PaymentMethodResponse>, ProblemHttpResult>> AddAsync(
        AddPaymentMethodRequest request, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        if (!caller.TryGetUserId(out var userId)) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden);

        var result = await s.Provider.TokenizeAsync(request.ToCard(), s.CancellationToken);
        if (!result.Succeeded) return PaymentProblems.CardRefused(result.ErrorCode!, result.ErrorMessage!);

        var method = new PaymentMethod
        {
            Id = Guid.CreateVersion7(),
            CustomerId = userId,
            Token = result.Token!,
            Brand = result.Brand,
            Last4 = result.Last4,
            ExpMonth = request.ExpMonth!.Value,
            ExpYear = request.ExpYear!.Value,
            CreatedAt = s.Clock.GetUtcNow(),
        };
        s.Db.PaymentMethods.Add(method);
        await s.Db.SaveChangesAsync(s.CancellationToken);
        return TypedResults.Created($"/api/v1/payment-methods/{method.Id}", PaymentMethodResponse.From(method));
    }

    private static async Task<Results<Ok<PagedResponse<PaymentMethodResponse>>, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        if (!caller.TryGetUserId(out var userId)) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden);
        return TypedResults.Ok(await s.Db.PaymentMethods.AsNoTracking()
            .Where(m => m.CustomerId == userId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => PaymentMethodResponse.From(m))
            .ToPageAsync(paging, s.CancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal caller, [AsParameters] PaymentServices s)
    {
        if (!caller.TryGetUserId(out var userId)) return Problem.NotFound("Payment method", id);
        var deleted = await s.Db.PaymentMethods.Where(m => m.Id == id && m.CustomerId == userId).ExecuteDeleteAsync(s.CancellationToken);
        return deleted == 1 ? TypedResults.NoContent() : Problem.NotFound("Payment method", id);
    }
}
