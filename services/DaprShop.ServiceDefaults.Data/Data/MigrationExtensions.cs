using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaprShop.ServiceDefaults.Data;

public static class MigrationExtensions
{
    /// <summary>
    /// Applies the checked-in EF Core migrations at start-up under a PostgreSQL advisory lock, so replicas
    /// starting together take turns instead of racing. <c>Database:MigrateOnStartup=false</c> leaves it to
    /// <c>make migrate</c> / a deployment job.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TContext>(this WebApplication app, CancellationToken ct = default)
        where TContext : DbContext
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await MigrateAsync(db, app.Logger, ct);
    }

    public static async Task MigrateAsync(DbContext db, ILogger logger, CancellationToken ct = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        await EnsureDatabaseExistsAsync(builder, ct);
        var lockKey = LockKey(builder.Database ?? db.GetType().Name);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockKey})", ct);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migrations to {Database}: {Migrations}", pending.Count, builder.Database, pending);
                    await db.Database.MigrateAsync(ct);
                }
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A fresh machine has the server but not the service's database; the login role may create it.</summary>
    static async Task EnsureDatabaseExistsAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // another replica created it first
        }
    }

    /// <summary>A stable 64-bit key per database name (string.GetHashCode is randomised per process).</summary>
    static long LockKey(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("daprshop-migrate:" + name));
        return BitConverter.ToInt64(hash, 0);
    }
}
