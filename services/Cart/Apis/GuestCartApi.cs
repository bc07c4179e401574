using DaprShop.Cart.Actors;
using DaprShop.Cart.Apis.Requests;
using DaprShop.Cart.Domain;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Idempotency;
using DaprShop.ServiceDefaults.Problems;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Cart.Apis;

/// <summary>
/// Carts of shoppers not signed in. Anonymous: the tenant is named in <c>X-Tenant-ID</c>, and the cart's id, made by
/// <c>POST /api/v1/cart/guest</c> from 128 random bits, is the capability that opens it; it travels in the
/// <c>X-Guest-Cart-ID</c> header rather than in the path, so it is not written into access logs, and the paths stay
/// plain (the gateway's anonymous routes are exact paths). The actor is <c>{tenantId}:guest:{id}</c>: the same id under
/// another tenant is another (non-existent) cart.
/// </summary>
internal static class GuestCartApi
{
    public const string GuestCartHeader = "X-Guest-Cart-ID";

    public static IEndpointRouteBuilder MapGuestCartApi(this IEndpointRouteBuilder app)
    {
        // Anonymous by design: a guest has no token; the gateway rate-limits these routes per client address.
        var guest = app.MapGroup("/api/v1/cart/guest").WithTags("Guest cart").AllowAnonymous().WithBodyLimit(CartPolicies.MaxBodyBytes)
            .AddEndpointFilter(RequireTenantHeader);

        guest.MapPost("/", CreateAsync)
            .WithName("CreateGuestCart")
            .WithSummary("Start a guest cart for the tenant in X-Tenant-ID; answers its id (keep it secret: it opens the cart). " +
                         "No Idempotency-Key: a repeated call only makes another empty cart, which expires unused");

        guest.MapGet("/", ViewAsync)
            .WithName("ViewGuestCart")
            .WithSummary("The guest cart in X-Guest-Cart-ID, prices re-checked, totals for ?country=&region=")
            .WithValidation<DestinationQuery>();

        guest.MapPost("/items", AddAsync)
            .WithName("AddGuestCartItem")
            .WithSummary($"Add {CartLimits.MinQuantity}–{CartLimits.MaxQuantity} units of a product to the guest cart; Idempotency-Key required")
            .WithValidation<AddItemRequest>()
            .RequireIdempotencyKey<AddItemRequest>();

        guest.MapPut("/items", SetQuantityAsync)
            .WithName("SetGuestCartItemQuantity")
            .WithSummary($"Set a guest cart line's quantity ({CartLimits.MinQuantity}–{CartLimits.MaxQuantity}); Idempotency-Key required")
            .WithValidation<GuestSetQuantityRequest>()
            .RequireIdempotencyKey<GuestSetQuantityRequest>();

        guest.MapDelete("/items", RemoveAsync)
            .WithName("RemoveGuestCartItem")
            .WithSummary("Remove the line of ?productId= from the guest cart; Idempotency-Key required")
            .RequireIdempotencyKey();

        guest.MapDelete("/", ClearAsync)
            .WithName("ClearGuestCart")
            .WithSummary("Remove every line of the guest cart; Idempotency-Key required")
            .RequireIdempotencyKey();

        return app;
    }

    /// <summary>
    /// The tenant of a guest route: a GUID in X-Tenant-ID (with a token, the tenant middleware has already required it to
    /// match the token's).
    /// </summary>
    static async ValueTask<object?> RequireTenantHeader(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>();
        if (tenant.TenantId is null)
        {
            if (!Guid.TryParse(http.Request.Headers[ServiceCallers.TenantHeader].ToString(), out var tenantId) || tenantId == Guid.Empty)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [ServiceCallers.TenantHeader] = ["A guest cart belongs to a shop: name its tenant id in X-Tenant-ID."],
                });
            tenant.Set(tenantId);
        }
        return await next(ctx);
    }

    static async Task<Results<Created<GuestCartCreatedResponse>, ProblemHttpResult>> CreateAsync([AsParameters] CartServices s)
    {
        var id = GuestCartIds.New();
        var outcome = await s.Actors.CallAsync(CartActorIds.Guest(s.TenantId, id), nameof(ICartActor.CreateAsync), s.Command(), s.CancellationToken);
        var rendered = await s.RenderAsync(outcome with { GuestCartId = id }, null, null);
        return rendered.Result switch
        {
            Ok<CartResponse> ok => TypedResults.Created("/api/v1/cart/guest", new GuestCartCreatedResponse(id, ok.Value!)),
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("a created guest cart has a body"),
        };
    }

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> ViewAsync([AsParameters] DestinationQuery destination, [AsParameters] CartServices s) =>
        CallAsync(s, nameof(ICartActor.ViewAsync), s.Command(), destination.Country, destination.Region);

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> AddAsync(AddItemRequest request, [AsParameters] CartServices s) =>
        CallAsync(s, nameof(ICartActor.AddAsync), s.Command() with { ProductId = request.ProductId, Quantity = request.Quantity });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> SetQuantityAsync(GuestSetQuantityRequest request, [AsParameters] CartServices s) =>
        CallAsync(s, nameof(ICartActor.SetQuantityAsync), s.Command() with { ProductId = request.ProductId, Quantity = request.Quantity });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> RemoveAsync([FromQuery] Guid productId, [AsParameters] CartServices s) =>
        CallAsync(s, nameof(ICartActor.RemoveAsync), s.Command() with { ProductId = productId });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> ClearAsync([AsParameters] CartServices s) =>
        CallAsync(s, nameof(ICartActor.ClearAsync), s.Command());

    /// <summary>A missing or malformed guest cart id opens no cart: 404, as an unknown one.</summary>
    static async Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> CallAsync(CartServices s, string method, CartCommand command,
        string? country = null, string? region = null)
    {
        var id = s.Http.Request.Headers[GuestCartHeader].ToString();
        if (!GuestCartIds.IsValid(id)) return Problem.NotFound("Guest cart", $"in {GuestCartHeader}");
        var outcome = await s.Actors.CallAsync(CartActorIds.Guest(s.TenantId, id), method, command, s.CancellationToken);
        return await s.RenderAsync(outcome with { GuestCartId = id }, country, region);
    }
}
