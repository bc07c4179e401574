using DaprShop.Identity.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Identity.Apis;

/// <summary>
/// The Dapr cron input binding <c>token-pruning</c> (components/common/token-pruning.yaml, hourly) POSTs here.
/// When the sidecar is configured with an app API token (APP_API_TOKEN), only requests carrying it are accepted.
/// </summary>
internal static class TokenPruningApi
{
    public const string BindingName = "token-pruning";

    public static IEndpointRouteBuilder MapTokenPruningApi(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/{BindingName}", PruneAsync)
            .WithName("PruneTokens")
            .WithSummary("Delete expired and spent tokens (called by the Dapr cron binding)")
            .WithTags("Maintenance")
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<PruneResult>, UnauthorizedHttpResult>> PruneAsync(
        HttpContext http, TokenPruner pruner, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration["APP_API_TOKEN"] is { Length: > 0 } expected
            && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(expected),
                System.Text.Encoding.UTF8.GetBytes(http.Request.Headers["dapr-api-token"].ToString())))
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(await pruner.PruneAsync(cancellationToken));
    }
}
