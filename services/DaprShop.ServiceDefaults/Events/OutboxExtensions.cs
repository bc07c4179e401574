using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Events;

public static class OutboxExtensions
{
    /// <summary>
    /// Relays <typeparamref name="TContext"/>'s outbox to Dapr pub/sub in the background. The context must be
    /// registered with <see cref="Tenancy.TenancyExtensions.AddTenantDbContext{TContext}"/> (which wires the wake-up)
    /// and its model must call <see cref="Outbox.AddOutbox"/>.
    /// </summary>
    public static IServiceCollection AddOutboxRelay<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddHostedService<OutboxRelay<TContext>>();
        return services;
    }
}
