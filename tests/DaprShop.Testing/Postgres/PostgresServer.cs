using Npgsql;
using Testcontainers.PostgreSql;

namespace DaprShop.Testing.Postgres;

/// <summary>
/// Where the test databases live, decided once per test process: the server named by
/// <c>DAPRSHOP_TEST_POSTGRES</c> (CI), else a Testcontainers PostgreSQL when a Docker engine answers,
/// else nothing, with the reason the tests will be skipped for.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "DAPRSHOP_TEST_POSTGRES";
    public const string NoServerReason = "no PostgreSQL: set " + EnvironmentVariable + " or run a Docker engine";

    static readonly Lazy<Task<Resolved>> Server = new(ResolveAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>An administrative connection string (database <c>postgres</c>), or null with a skip reason.</summary>
    public static async Task<(string? AdminConnectionString, string? SkipReason)> GetAsync()
    {
        var r = await Server.Value.ConfigureAwait(false);
        return (r.ConnectionString, r.SkipReason);
    }

    sealed record Resolved(string? ConnectionString, string? SkipReason);

    static async Task<Resolved> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return new(fromEnvironment, null);

        try
        {
            // The container lives as long as the test process; Testcontainers' reaper removes it afterwards.
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync().ConfigureAwait(false);
            return new(container.GetConnectionString(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new(null, NoServerReason + $" ({e.GetType().Name}: {FirstLine(e.Message)})");
        }
    }

    static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();

    internal static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    internal static string UniqueDatabaseName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
