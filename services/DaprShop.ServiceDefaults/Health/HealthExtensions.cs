using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaprShop.ServiceDefaults.Health;

public static class HealthExtensions
{
    /// <summary>The tag of checks that gate readiness (database, sidecar); liveness runs none.</summary>
    public const string ReadyTag = "ready";

    internal static void AddDaprShopHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>("dapr-sidecar", tags: [ReadyTag]);

    internal static void MapDaprShopHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        }).AllowAnonymous();
    }

    static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
