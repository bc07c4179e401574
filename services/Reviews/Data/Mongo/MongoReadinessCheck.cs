using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DaprShop.Reviews.Data.Mongo;

/// <summary>Readiness: the reviews MongoDB answers a ping.</summary>
internal sealed class MongoReadinessCheck(MongoReviews mongo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("MongoDB does not answer", e);
        }
    }
}
