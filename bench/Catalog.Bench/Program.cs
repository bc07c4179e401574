using System.Diagnostics;
using System.Globalization;
using DaprShop.Catalog.Data.Postgres;
using DaprShop.Catalog.Seeding;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using Npgsql;

namespace DaprShop.Catalog.Bench;

/// <summary>Not a top-level program: <c>Program</c> must keep naming catalog's entry point (ServiceHost.StartAsync&lt;Program&gt;).</summary>
internal static class CatalogSearchBench
{
    public static async Task Main(string[] args)
    {
        // Usage: dotnet run -c Release --project bench/Catalog.Bench [-- --products 100000 --requests 600]
        // PostgreSQL from DAPRSHOP_TEST_POSTGRES (admin connection; the bench keeps its own database catalog_bench between runs).
        var products = Arg("--products", 100_000);
        var requests = Arg("--requests", 600);
        var admin = Environment.GetEnvironmentVariable("DAPRSHOP_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres";
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "catalog_bench" }.ConnectionString;
        var tenant = Guid.Parse("01930000-0000-7000-8000-00000000be01");

        // Outside a test host WebApplicationFactory cannot find catalog's content root by itself.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DAPRSHOP_CATALOG", TestDapr.RepositoryPath("services", "Catalog"));
        await using var dapr = await TestDapr.StartAsync();
        await using var tokens = await TestTokenIssuer.StartAsync(dapr.Cluster);
        await using var catalog = await ServiceHost.StartAsync<Program>(dapr, "catalog", o => o
            .ConnectionString("catalog", connectionString)
            .Setting("Logging:LogLevel:Default", "Warning")
            .Setting("Logging:LogLevel:Microsoft.AspNetCore", "Warning")
            .Environment = "Production");

        await SeedAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var token = tokens.Token(tenant, "customer");
        catalog.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var queries = BenchQueries.All;
        if (args.Contains("--explain"))
        {
            // Plans for tuning: EXPLAIN (ANALYZE, BUFFERS) of the first query of each kind.
            foreach (var q in queries.DistinctBy(q => q.Kind).Concat(queries.Where(q => args.Contains("--explain-all"))))
            {
                var command = ProductSearchSql.Build(tenant, q.Parsed);
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var explain = new ProductSearchSql.Command("EXPLAIN (ANALYZE, BUFFERS) " + command.Sql, command.Parameters).ToNpgsqlCommand(connection);
                await using var reader = await explain.ExecuteReaderAsync();
                Console.WriteLine($"--- {q.Kind} {q.QueryString}");
                while (await reader.ReadAsync()) Console.WriteLine(reader.GetString(0));
            }
            return;
        }
        Console.WriteLine($"catalog search bench: {products:N0} products in one tenant, {queries.Count} queries, {requests} requests each way, " +
                          $"{Environment.ProcessorCount} cores, load {LoadAverage()}");

        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
            foreach (var q in queries) { await RawAsync(q); await HttpAsync(q); }
        Console.WriteLine($"warm-up {warm.Elapsed.TotalSeconds:F1} s");

        var raw = new Dictionary<string, List<double>>();
        var http = new Dictionary<string, List<double>>();
        for (var i = 0; i < requests; i++)
        {
            var q = queries[i % queries.Count];
            // Interleaved, alternating which goes first, so both see the same machine at the same moment.
            if (i % 2 == 0) { Add(raw, q.Kind, await Time(() => RawAsync(q))); Add(http, q.Kind, await Time(() => HttpAsync(q))); }
            else { Add(http, q.Kind, await Time(() => HttpAsync(q))); Add(raw, q.Kind, await Time(() => RawAsync(q))); }
        }

        Console.WriteLine();
        Console.WriteLine("| queries | n | raw SQL p50 | raw SQL p95 | HTTP p50 | HTTP p95 | p95 ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in raw.Keys.Append("all"))
        {
            var r = kind == "all" ? raw.Values.SelectMany(x => x).ToList() : raw[kind];
            var h = kind == "all" ? http.Values.SelectMany(x => x).ToList() : http[kind];
            Console.WriteLine($"| {kind} | {r.Count} | {P(r, 0.5):F2} ms | {P(r, 0.95):F2} ms | {P(h, 0.5):F2} ms | {P(h, 0.95):F2} ms | {P(h, 0.95) / P(r, 0.95):F2}x |");
        }
        Console.WriteLine($"load after: {LoadAverage()}");
        return;

        async Task RawAsync(BenchQuery q)
        {
            var command = ProductSearchSql.Build(tenant, q.Parsed);
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var sql = command.ToNpgsqlCommand(connection);
            await using var reader = await sql.ExecuteReaderAsync();
            await reader.ReadAsync();
            _ = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        async Task HttpAsync(BenchQuery q)
        {
            using var response = await catalog.Client.GetAsync("/api/v1/products" + q.QueryString);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        }

        async Task SeedAsync()
        {
            // catalog migrated its database when it started; the seed is kept between runs (it takes a minute).
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var connection = await source.OpenConnectionAsync();
            await using var count = new NpgsqlCommand("select count(*) from products where tenant_id = $1", connection) { Parameters = { new() { Value = tenant } } };
            var existing = (long)(await count.ExecuteScalarAsync())!;
            if (existing == products) { Console.WriteLine($"reusing {existing:N0} seeded products"); return; }
            if (existing != 0) throw new InvalidOperationException($"catalog_bench holds {existing:N0} products, not {products:N0}: drop database catalog_bench and rerun");
            await new SeedCommand { Tenants = [tenant], Products = products, Seed = 42 }.RunAsync(catalog.Services, CancellationToken.None);
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE products", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        static void Add(Dictionary<string, List<double>> into, string kind, double ms)
        {
            if (!into.TryGetValue(kind, out var list)) into[kind] = list = [];
            list.Add(ms);
        }

        static async Task<double> Time(Func<Task> op)
        {
            var start = Stopwatch.GetTimestamp();
            await op();
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        static double P(List<double> values, double p)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }

        static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
