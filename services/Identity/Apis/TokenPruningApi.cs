using DaprShop.Identity.Tokens;
using DaprShop.ServiceDefaults.Sidecar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DaprShop.Identity.Apis;

/// <summary>
/// The Dapr cron input binding <c>token-pruning</c> (components/common/token-pruning.yaml, hourly) POSTs here; only the
/// sidecar may (its app API token).
/// </summary>
internal static class TokenPruningApi
{
    public static IEndpointRouteBuilder MapTokenPruningApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(IdentityRoutes.TokenPruning, PruneAsync)
            .WithName("PruneTokens")
            .WithSummary("Delete expired and spent tokens (called by the Dapr cron binding)")
            .WithTags("Maintenance")
            .ExcludeFromDescription()
            .AllowAnonymous()
            .RequireDaprSidecar();
        return app;
    }

    private static async Task<Ok<PruneResult>> PruneAsync(TokenPruner pruner, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pruner.PruneAsync(cancellationToken));
}
