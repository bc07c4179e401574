using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DaprShop.Catalog.Data.Mongo;

/// <summary>Readiness: the catalog's MongoDB answers a ping.</summary>
internal sealed class MongoReadinessCheck(MongoCatalog mongo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (MongoException e)
        {
            return HealthCheckResult.Unhealthy("MongoDB does not answer", e);
        }
        catch (TimeoutException e)
        {
            return HealthCheckResult.Unhealthy("MongoDB does not answer", e);
        }
    }
}
