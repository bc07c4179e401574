using DaprShop.ServiceDefaults.Health;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Mongo;

public static class MongoServiceExtensions
{
    /// <summary>The outbox relay and the readiness check of a service whose store is MongoDB (<typeparamref name="TStore"/>, a singleton).</summary>
    public static IServiceCollection AddMongoOutboxAndReadiness<TStore>(this IServiceCollection services)
        where TStore : class, IMongoOutboxStore
    {
        services.AddHostedService<MongoOutboxRelay<TStore>>();
        services.AddHealthChecks().AddCheck<MongoReadinessCheck<TStore>>("mongodb", tags: [HealthExtensions.ReadyTag]);
        return services;
    }
}
