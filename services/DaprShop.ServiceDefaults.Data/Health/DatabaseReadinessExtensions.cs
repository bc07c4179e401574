using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Health;

public static class DatabaseReadinessExtensions
{
    /// <summary>Adds the service's database to readiness (<c>/readyz</c>), beside the sidecar.</summary>
    public static IHealthChecksBuilder AddDatabaseReadiness<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [HealthExtensions.ReadyTag]);
}
