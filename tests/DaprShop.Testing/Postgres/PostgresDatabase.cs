using Npgsql;

namespace DaprShop.Testing.Postgres;

/// <summary>
/// A fresh, uniquely named PostgreSQL database for one fixture (or one test), dropped afterwards.
/// Use as a class fixture (<c>IClassFixture&lt;PostgresDatabase&gt;</c>) or <see cref="CreateAsync"/>.
/// Reading <see cref="ConnectionString"/> skips the test when no server is available, with the reason.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    string? _connectionString;
    string? _adminConnectionString;
    string? _skipReason;

    public string Name { get; } = PostgresServer.UniqueDatabaseName("daprshop_test");

    /// <summary>The connection string of this database; skips the calling test when there is no server.</summary>
    public string ConnectionString
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _connectionString ?? throw new InvalidOperationException("PostgresDatabase used before InitializeAsync");
        }
    }

    public bool IsAvailable => _connectionString is not null;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync().ConfigureAwait(false);
        return db;
    }

    public async ValueTask InitializeAsync()
    {
        (_adminConnectionString, _skipReason) = await PostgresServer.GetAsync().ConfigureAwait(false);
        if (_adminConnectionString is null) return;
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _connectionString = PostgresServer.WithDatabase(_adminConnectionString, Name);
    }

    /// <summary>Runs a scalar query, e.g. <c>select count(*) from "AspNetUsers"</c>, to check what was (not) written.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement (arrange data the API cannot, e.g. age a row); returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is null || _connectionString is null) return;
        await using var connection = new NpgsqlConnection(_connectionString);
        NpgsqlConnection.ClearPool(connection);
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync().ConfigureAwait(false);
        // FORCE (PostgreSQL 13+) ends connections the app under test may still hold. Two refusals pass by themselves,
        // so ask again: it waits only 5 s for the ended backends to exit, and on a loaded machine one may take longer
        // (55006, object in use); and a role without pg_signal_backend may not end an autovacuum worker that is in
        // the database just then (42501) — scripts/local-infra.sh grants it, a server set up elsewhere may not.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when ((e.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.InsufficientPrivilege)
                                              && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }
}
