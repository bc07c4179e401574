using DaprShop.Identity.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// One use per refresh token, decided by the database. OpenIddict 7.8 checks a refresh token's entry when it
/// validates it (status <c>valid</c>) and marks it redeemed later, when it signs in (<c>RedeemTokenEntry</c>), where a
/// failed update is ignored for refresh tokens: N requests with the same token all pass the check before any marks it,
/// and all get new tokens. Here the redemption is one conditional UPDATE whose affected-row count picks the single
/// winner; every other use of the token, concurrent or later, is reuse and ends the session (the authorization row
/// and all its tokens, including those a racing winner was just issued).
/// </summary>
internal static class RefreshTokenRotation
{
    public static OpenIddictServerBuilder AddRefreshTokenRotation(this OpenIddictServerBuilder server) => server
        .AddEventHandler<ProcessSignInContext>(h => h
            .UseScopedHandler<RedeemOnce>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom))
        .AddEventHandler<ProcessSignInContext>(h => h
            .UseScopedHandler<RevokeTokensIssuedIntoARevokedSession>()
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom))
        .AddEventHandler<ValidateTokenContext>(h => h
            .UseScopedHandler<RevokeSessionOnReuse>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));

    static bool IsRefreshGrant(ProcessSignInContext context) =>
        context.EndpointType == OpenIddictServerEndpointType.Token && context.Request.IsRefreshTokenGrantType();

    static PresentedToken? PresentedRefreshToken(ProcessSignInContext context)
    {
        var principal = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!)
            ?.RefreshTokenPrincipal;
        return principal?.GetTokenId() is { Length: > 0 } tokenId ? new PresentedToken(tokenId, principal.GetAuthorizationId()) : null;
    }

    sealed record PresentedToken(string TokenId, string? AuthorizationId);

    /// <summary>The conditional UPDATE valid → redeemed; the one request it changes a row for wins.</summary>
    internal sealed class RedeemOnce(IdentityDb db, SessionRevoker sessions, TimeProvider clock) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (!IsRefreshGrant(context) || PresentedRefreshToken(context) is not { } presented)
            {
                return;
            }

            var won = await db.Set<OpenIddictEntityFrameworkCoreToken>()
                .Where(t => t.Id == presented.TokenId && t.Status == Statuses.Valid)
                .ExecuteUpdateAsync(t => t
                    .SetProperty(x => x.Status, Statuses.Redeemed)
                    .SetProperty(x => x.RedemptionDate, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(x => x.ConcurrencyToken, Guid.NewGuid().ToString()), context.CancellationToken) == 1;
            if (won)
            {
                return;
            }

            if (presented.AuthorizationId is { Length: > 0 } session)
            {
                await sessions.RevokeSessionAsync(session, context.CancellationToken);
            }

            context.Reject(Errors.InvalidGrant, "The refresh token has already been used.");
        }
    }

    /// <summary>
    /// A winner whose session a concurrent reuse revoked while it was issuing: its new tokens were written after that
    /// revocation swept the session's tokens, so sweep again. Its answer stands (exactly one redemption succeeds), but
    /// the tokens in it are dead.
    /// </summary>
    internal sealed class RevokeTokensIssuedIntoARevokedSession(SessionRevoker sessions) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (IsRefreshGrant(context) && PresentedRefreshToken(context)?.AuthorizationId is { Length: > 0 } session
                && await sessions.IsRevokedAsync(session, context.CancellationToken))
            {
                await sessions.RevokeSessionAsync(session, context.CancellationToken);
            }
        }
    }

    /// <summary>
    /// A refresh token presented after its redemption: OpenIddict refuses it and revokes the session's tokens, but
    /// leaves the authorization valid; revoke the session row as well, before OpenIddict's check refuses the request.
    /// </summary>
    internal sealed class RevokeSessionOnReuse(IdentityDb db, SessionRevoker sessions) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Principal is null || !context.Principal.HasTokenType(TokenTypeIdentifiers.RefreshToken)
                || string.IsNullOrEmpty(context.TokenId) || string.IsNullOrEmpty(context.AuthorizationId))
            {
                return;
            }

            var redeemed = await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
                .AnyAsync(t => t.Id == context.TokenId && t.Status == Statuses.Redeemed, context.CancellationToken);
            if (redeemed)
            {
                await sessions.RevokeSessionAsync(context.AuthorizationId, context.CancellationToken);
            }
        }
    }
}
