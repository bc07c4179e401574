using DaprShop.Cart.Actors;
using DaprShop.Contracts.Cart;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Cart.Apis;

/// <summary>
/// ordering's checkout read: a customer's cart as lines (product, quantity), for the tenant ordering names in
/// <c>X-Tenant-ID</c>. Only ordering, through cart's own sidecar, may call (kit's <c>RequireServiceCaller</c>); the
/// gateway never forwards <c>/internal/*</c>. The actor id is made of that tenant and the user id, so another tenant's
/// user is simply another, empty cart.
/// </summary>
internal static class InternalCartApi
{
    public static IEndpointRouteBuilder MapInternalCartApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/v1/carts/{userId:guid}", ContentsAsync)
            .WithTags("Cart")
            .WithName("CartContentsForService")
            .WithSummary("A customer's cart lines for ordering's checkout (Dapr invocation, tenant in X-Tenant-ID)")
            .RequireServiceCaller("ordering")
            // No user token: trust comes from the mesh (RequireServiceCaller), so the token requirement is lifted.
            .AllowAnonymous();
        return app;
    }

    static async Task<Results<Ok<CartContents>, ProblemHttpResult>> ContentsAsync(Guid userId, ITenantContext tenant, CartActors actors,
        HttpContext http, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("cart: a service route reached without a tenant");
        var outcome = await actors.CallAsync(CartActorIds.User(tenantId, userId), nameof(ICartActor.ContentsAsync), new CartCommand(tenantId), ct);
        if (outcome is not { IsSuccess: true, Cart: { } cart })
        {
            if (outcome.Status == StatusCodes.Status503ServiceUnavailable)
                http.Response.Headers.RetryAfter = CartProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: outcome.Status, type: outcome.ProblemType, title: outcome.Title, detail: outcome.Detail);
        }
        return TypedResults.Ok(new CartContents([.. cart.Lines.Select(l => new CartContentLine(l.ProductId, l.Quantity))], cart.Version));
    }
}
