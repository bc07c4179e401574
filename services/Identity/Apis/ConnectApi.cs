using DaprShop.Identity.Tokens;
using DaprShop.Identity.Users;
using DaprShop.ServiceDefaults.Auth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DaprShop.Identity.Apis;

/// <summary>
/// The OAuth 2.0 token endpoint. OpenIddict parses and validates the request (client, grant type, refresh token
/// signature, expiry, reuse) and passes it through to <see cref="ExchangeAsync"/>, which decides who the user is;
/// OpenIddict then issues the tokens. Revocation, introspection, discovery and JWKS are answered by OpenIddict itself.
/// </summary>
internal static class ConnectApi
{
    public const string TenantIdParameter = "tenant_id";

    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(IdentityRoutes.Token, ExchangeAsync)
            .WithName("Token")
            .WithSummary("OAuth 2.0 token endpoint: password grant (with tenant_id) and refresh_token grant")
            .WithTags("Connect")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .AllowAnonymous();
        return app;
    }

    public static async Task<IResult> ExchangeAsync([AsParameters] TokenServices services)
    {
        var request = services.Http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing: the route is not the token endpoint.");

        if (request.IsPasswordGrantType())
        {
            return await PasswordAsync(request, services);
        }

        if (request.IsRefreshTokenGrantType())
        {
            return await RefreshAsync(services);
        }

        // OpenIddict only lets through the grant types enabled in Extensions.cs.
        return Reject(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> PasswordAsync(OpenIddictRequest request, TokenServices s)
    {
        // Unknown tenant, unknown email, wrong password: one path, one PBKDF2 verification, one answer.
        var tenant = Guid.TryParse((string?)request.GetParameter(TenantIdParameter), out var tenantId)
            ? await s.Db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, s.CancellationToken)
            : null;
        if (tenant is not null)
        {
            s.Tenant.Set(tenant.Id);
        }

        var user = tenant is null || string.IsNullOrEmpty(request.Username) ? null : await s.Users.FindByEmailAsync(request.Username);
        if (user is null)
        {
            s.DummyHash.Verify(request.Password);
            return InvalidCredentials();
        }

        var check = await s.Passwords.CheckAsync(user, request.Password ?? "", s.CancellationToken);
        if (check.Outcome == PasswordCheck.LockedOut)
        {
            return Locked(s, check.LockedUntil);
        }

        if (check.Outcome == PasswordCheck.Failed)
        {
            return InvalidCredentials();
        }

        var principal = await TokenPrincipalFactory.CreateAsync(user, tenant!.Settings, s.Users, s.Auth.Value.Audience);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> RefreshAsync(TokenServices s)
    {
        // OpenIddict has checked the refresh token: signature, expiry, not redeemed (reuse revokes the family), family valid.
        var previous = (await s.Http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (previous is null || !Guid.TryParse(previous.GetClaim(DaprShopClaims.TenantId), out var tenantId))
        {
            return Reject(Errors.InvalidGrant, "The refresh token is no longer valid.");
        }

        s.Tenant.Set(tenantId);
        var user = await s.Users.FindByIdAsync(previous.GetClaim(Claims.Subject) ?? "");
        var tenant = await s.Db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, s.CancellationToken);
        var stampType = s.Users.Options.ClaimsIdentity.SecurityStampClaimType;

        // FindByIdAsync can return an entity tracked by this context whatever the tenant filter says: check the tenant.
        if (user is null || tenant is null || user.TenantId != tenantId
            || await s.Users.IsLockedOutAsync(user)
            || previous.GetClaim(stampType) != await s.Users.GetSecurityStampAsync(user))
        {
            return Reject(Errors.InvalidGrant, "The refresh token is no longer valid.");
        }

        var principal = await TokenPrincipalFactory.CreateAsync(user, tenant.Settings, s.Users, s.Auth.Value.Audience);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // The JSON route answers RFC 9457; the OAuth endpoint must answer in OAuth's error format.
    private static IResult Locked(TokenServices s, DateTimeOffset? lockedUntil) => JsonAuthRoutes.IsJsonRoute(s.Http)
        ? IdentityProblems.Locked(s.Http, lockedUntil, s.Clock.GetUtcNow())
        : Reject(Errors.InvalidGrant, "The account is locked.");

    private static IResult InvalidCredentials() => Reject(Errors.InvalidGrant, "The email, password or tenant is not valid.");

    private static IResult Reject(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
