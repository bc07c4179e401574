using DaprShop.ServiceDefaults.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaprShop.ServiceDefaults.Tenancy;

public static class TenantDbContextExtensions
{
    /// <summary>Registers a tenant-scoped DbContext on PostgreSQL with the stamping interceptor, the outbox wake-up and
    /// <see cref="Data.AfterCommit"/> work.</summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services, string connectionString,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext, ITenantScopedDbContext
    {
        services.TryAddSingleton<OutboxSignal>();
        return services.AddDbContext<TContext>((sp, o) =>
        {
            o.UseNpgsql(connectionString);
            o.AddInterceptors(new TenantStampingInterceptor(), new OutboxSignalInterceptor(sp.GetRequiredService<OutboxSignal>()),
                new Data.AfterCommitInterceptor());
            configure?.Invoke(o);
        });
    }
}
