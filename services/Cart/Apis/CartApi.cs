using DaprShop.Cart.Actors;
using DaprShop.Cart.Apis.Requests;
using DaprShop.Cart.Domain;
using DaprShop.ServiceDefaults.Http;
using DaprShop.ServiceDefaults.Idempotency;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Cart.Apis;

/// <summary>
/// The signed-in customer's own cart: the actor <c>{tenantId}:{userId}</c>, both from the token, so no id in a route
/// can reach another customer's or another tenant's cart. Every change takes an Idempotency-Key.
/// </summary>
internal static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/v1/cart").WithTags("Cart").RequireAuthorization(CartPolicies.Shopper).WithBodyLimit(CartPolicies.MaxBodyBytes);

        own.MapGet("/", ViewAsync)
            .WithName("ViewCart")
            .WithSummary("The caller's cart with prices re-checked (a changed price is noted on its line) and totals for ?country=&region=")
            .WithValidation<DestinationQuery>();

        own.MapPost("/items", AddAsync)
            .WithName("AddCartItem")
            .WithSummary($"Add {CartLimits.MinQuantity}–{CartLimits.MaxQuantity} units of an active product in stock " +
                         $"(at most {CartLimits.MaxQuantity} per line, {CartLimits.MaxLines} lines); Idempotency-Key required")
            .WithValidation<AddItemRequest>()
            .RequireIdempotencyKey<AddItemRequest>();

        own.MapPut("/items/{productId:guid}", SetQuantityAsync)
            .WithName("SetCartItemQuantity")
            .WithSummary($"Set a line's quantity ({CartLimits.MinQuantity}–{CartLimits.MaxQuantity}; more units are checked against catalog and stock); Idempotency-Key required")
            .WithValidation<SetQuantityRequest>()
            .RequireIdempotencyKey<SetQuantityRequest>();

        own.MapDelete("/items/{productId:guid}", RemoveAsync)
            .WithName("RemoveCartItem")
            .WithSummary("Remove a line; Idempotency-Key required")
            .RequireIdempotencyKey();

        own.MapDelete("/", ClearAsync)
            .WithName("ClearCart")
            .WithSummary("Remove every line; Idempotency-Key required")
            .RequireIdempotencyKey();

        own.MapPost("/merge", MergeAsync)
            .WithName("MergeGuestCart")
            .WithSummary("Merge a guest cart into the caller's (at sign-in): quantities summed and capped, prices re-checked, the guest cart deleted; " +
                         "merging it again adds nothing; Idempotency-Key required")
            .WithValidation<MergeRequest>()
            .RequireIdempotencyKey<MergeRequest>();

        return app;
    }

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> ViewAsync([AsParameters] DestinationQuery destination, [AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.ViewAsync), s.Command(), destination.Country, destination.Region);

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> AddAsync(AddItemRequest request, [AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.AddAsync), s.Command() with { ProductId = request.ProductId, Quantity = request.Quantity });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> SetQuantityAsync(Guid productId, SetQuantityRequest request, [AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.SetQuantityAsync), s.Command() with { ProductId = productId, Quantity = request.Quantity });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> RemoveAsync(Guid productId, [AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.RemoveAsync), s.Command() with { ProductId = productId });

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> ClearAsync([AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.ClearAsync), s.Command());

    static Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> MergeAsync(MergeRequest request, [AsParameters] CartServices s) =>
        s.CallAsync(s.OwnCart, nameof(ICartActor.MergeAsync), s.Command() with { GuestCartId = request.GuestCartId });
}
