using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Tenancy;

public static class TenancyExtensions
{
    internal static void AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddSingleton<Events.OutboxSignal>();
    }

    internal static void UseTenantResolution(this WebApplication app) => app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>Registers a tenant-scoped DbContext on PostgreSQL with the stamping interceptor and the outbox wake-up.</summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services, string connectionString,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext, ITenantScopedDbContext =>
        services.AddDbContext<TContext>((sp, o) =>
        {
            o.UseNpgsql(connectionString);
            o.AddInterceptors(new TenantStampingInterceptor(), new Events.OutboxSignalInterceptor(sp.GetRequiredService<Events.OutboxSignal>()));
            configure?.Invoke(o);
        });
}
