using System.Security.Claims;
using DaprShop.Identity.Apis.Requests;
using DaprShop.Identity.Domain;
using DaprShop.ServiceDefaults.Auth;
using DaprShop.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Identity.Apis;

/// <summary>
/// The seed API's JSON auth routes. login/refresh/logout are rewritten onto the OAuth endpoints by
/// <see cref="JsonAuthRoutes"/> (so they document JSON here but share every rule with <c>/connect/*</c>);
/// validate checks a token locally, including whether it was revoked; signup creates a customer where the tenant allows it.
/// </summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Auth");

        api.MapPost(IdentityRoutes.Login, ConnectApi.ExchangeAsync)
            .WithName("Login")
            .WithSummary("Sign in with tenant, email and password; returns access and refresh tokens (OAuth token response)")
            .Accepts<LoginRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status423Locked)
            .AllowAnonymous();

        api.MapPost(IdentityRoutes.Refresh, ConnectApi.ExchangeAsync)
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for new tokens; the old refresh token is spent (reuse revokes the session)")
            .Accepts<RefreshTokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .AllowAnonymous();

        api.MapPost(IdentityRoutes.Logout, Logout)
            .WithName("Logout")
            .WithSummary("Revoke a refresh token and every token of its session")
            .Accepts<RefreshTokenRequest>("application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .AllowAnonymous();

        api.MapGet(IdentityRoutes.Validate, Validate)
            .WithName("ValidateToken")
            .WithSummary("Validate the bearer access token (signature, lifetime, audience, not revoked) and return its claims")
            .RequireAuthorization(IdentityPolicies.LiveToken);

        api.MapPost(IdentityRoutes.SignUp, UsersApi.SignUpAsync)
            .WithName("SignUp")
            .WithSummary("Create a customer account in a tenant that allows self sign-up")
            .WithValidation<SignUpRequest>()
            .AllowAnonymous();

        return app;
    }

    // OpenIddict answers the rewritten request at /connect/revoke before routing's endpoint runs.
    private static Ok Logout() => TypedResults.Ok();

    private static Ok<TokenClaims> Validate(ClaimsPrincipal user) => TypedResults.Ok(new TokenClaims(
        user.FindFirstValue(DaprShopClaims.Subject)!,
        user.FindFirstValue(DaprShopClaims.TenantId)!,
        [.. user.FindAll(DaprShopClaims.Role).Select(c => c.Value)],
        long.TryParse(user.FindFirstValue("exp"), out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null));
}
