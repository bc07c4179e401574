using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DaprShop.ServiceDefaults.Mongo;

/// <summary>Readiness: the service's MongoDB answers a ping.</summary>
public sealed class MongoReadinessCheck<TStore>(TStore store) : IHealthCheck
    where TStore : IMongoOutboxStore
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("MongoDB does not answer", e);
        }
    }
}
