using System.Security.Cryptography;
using System.Text;
using Dapr.Client;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Sidecar;

public static class DaprSidecarExtensions
{
    /// <summary>The header daprd puts on every call to its app when it has an app API token.</summary>
    public const string AppTokenHeader = "dapr-api-token";

    /// <summary>The variable daprd and its app share the app API token through.</summary>
    public const string AppTokenVariable = "APP_API_TOKEN";

    static readonly TimeSpan SidecarTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// For routes only the sidecar calls (input bindings such as cron): the request must carry the app API token the
    /// sidecar was given. With no token configured the route refuses everyone — an unset variable is never an open
    /// door. The local sidecar and <c>make run</c> generate a token per app.
    /// </summary>
    public static TBuilder RequireDaprSidecar<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (ctx, next) => ctx.HttpContext.Request.IsFromDaprSidecar()
            ? await next(ctx)
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.Unauthorized,
                title: "Only the Dapr sidecar may call this route",
                detail: $"The request does not carry the app API token ({AppTokenHeader}) of this app's sidecar."));
        return builder;
    }

    /// <summary>
    /// Whether the request carries this app's app API token, i.e. came through its own sidecar (from inside the mesh),
    /// so headers set by the calling app (e.g. the gateway's <c>X-Forwarded-For</c>) may be believed.
    /// </summary>
    public static bool IsFromDaprSidecar(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsFromSidecar(request, request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[AppTokenVariable]);
    }

    internal static bool IsFromSidecar(HttpRequest request, string? expected)
    {
        if (string.IsNullOrEmpty(expected)) return false;
        var given = request.Headers[AppTokenHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
    }

    /// <summary>
    /// Waits until the sidecar answers, for start-up work that needs it (secrets, configuration). A sidecar that never
    /// comes up fails the start with a message instead of hanging it.
    /// </summary>
    public static async Task WaitForSidecarAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(SidecarTimeout);
        try
        {
            await services.GetRequiredService<DaprClient>().WaitForSidecarAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The Dapr sidecar did not answer within {SidecarTimeout.TotalSeconds:0} s; start the app with `dapr run` (or `make run`).");
        }
    }
}
