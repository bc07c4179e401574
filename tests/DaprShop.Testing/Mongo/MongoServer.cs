using Testcontainers.MongoDb;

namespace DaprShop.Testing.Mongo;

/// <summary>
/// Where MongoDB tests find their server, decided once per test process: <c>DAPRSHOP_TEST_MONGO</c> (a replica set:
/// catalog's and reviews' writes are transactions), else a Testcontainers MongoDB 7 replica set when a Docker engine
/// answers, else nothing — the tests are then skipped with the reason.
/// </summary>
public static class MongoServer
{
    public const string EnvironmentVariable = "DAPRSHOP_TEST_MONGO";
    public const string NoServerReason =
        "no MongoDB reachable: set " + EnvironmentVariable + " to a replica set's connection string (e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0) or run a Docker engine";

    static readonly Lazy<Task<(string? ConnectionString, string? SkipReason)>> Server = new(ResolveAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<(string? ConnectionString, string? SkipReason)> GetAsync() => Server.Value;

    static async Task<(string?, string?)> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (fromEnvironment, null);
        try
        {
            var container = new MongoDbBuilder("mongo:7.0").WithReplicaSet().Build();
            await container.StartAsync();
            return (container.GetConnectionString(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, $"{NoServerReason} ({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()})");
        }
    }
}
