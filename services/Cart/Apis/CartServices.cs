using System.Security.Claims;
using DaprShop.Cart.Actors;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Idempotency;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Cart.Apis;

/// <summary>What the cart endpoints need, as one <c>[AsParameters]</c> argument.</summary>
internal sealed record CartServices(
    CartActors Actors,
    CartSettingsStore Settings,
    ITenantContext Tenant,
    HttpContext Http,
    CancellationToken CancellationToken)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The tenant of the token (customer routes) or of X-Tenant-ID (guest routes, set by the guest filter).</summary>
    public Guid TenantId => Tenant.TenantId ?? throw new TenantIsolationException("cart: a cart route reached without a tenant");

    /// <summary>The signed-in caller's own cart.</summary>
    public string OwnCart => CartActorIds.User(TenantId, Guid.Parse(Http.User.FindFirstValue(DaprShopClaims.Subject)!));

    /// <summary>A command for this tenant carrying the request's Idempotency-Key, when the endpoint takes one.</summary>
    public CartCommand Command()
    {
        var key = Http.Items.ContainsKey(typeof(IdempotencyKey)) ? IdempotencyKey.Of(Http) : null;
        return new CartCommand(TenantId) { IdempotencyId = key?.StorageId, Fingerprint = key?.Fingerprint };
    }

    public async Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> CallAsync(string actorId, string method, CartCommand command,
        string? country = null, string? region = null)
    {
        var outcome = await Actors.CallAsync(actorId, method, command, CancellationToken);
        return await RenderAsync(outcome, country, region);
    }

    /// <summary>The HTTP answer of an outcome: the cart with its totals, or the problem (503 with Retry-After).</summary>
    public async Task<Results<Ok<CartResponse>, NoContent, ProblemHttpResult>> RenderAsync(CartOutcome outcome, string? country, string? region)
    {
        if (outcome.Replayed) Http.Response.Headers[ReplayedHeader] = "true";
        if (!outcome.IsSuccess)
        {
            if (outcome.Status == StatusCodes.Status503ServiceUnavailable)
                Http.Response.Headers.RetryAfter = CartProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: outcome.Status, type: outcome.ProblemType, title: outcome.Title, detail: outcome.Detail);
        }
        if (outcome.Cart is null) return TypedResults.NoContent();
        var (tax, shipping) = await Settings.ReadAsync(CancellationToken);
        return TypedResults.Ok(CartResponse.From(outcome, tax, shipping, country?.ToUpperInvariant(), region?.ToUpperInvariant()));
    }
}
