using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.ServiceDefaults.Sidecar;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using Npgsql;

namespace DaprShop.Inventory.Bench;

/// <summary>Not a top-level program: <c>Program</c> must keep naming inventory's entry point (ServiceHost.StartAsync&lt;Program&gt;).</summary>
internal static partial class HotSkuBench
{
    static readonly Guid HttpTenant = Guid.Parse("01930000-0000-7000-8000-00000000be11");
    static readonly Guid PgbenchTenant = Guid.Parse("01930000-0000-7000-8000-00000000be12");
    static readonly Guid SelloutTenant = Guid.Parse("01930000-0000-7000-8000-00000000be13");
    static readonly Guid SpreadTenant = Guid.Parse("01930000-0000-7000-8000-00000000be14");
    const string HotSku = "HOT-1";

    public static async Task Main(string[] args)
    {
        // Usage: dotnet run -c Release --project bench/Inventory.Bench [-- --clients 64 --seconds 10 --rounds 2 --sellout 2000]
        var clients = Arg(args, "--clients", 64);
        var seconds = Arg(args, "--seconds", 10);
        var rounds = Arg(args, "--rounds", 2);
        var sellout = Arg(args, "--sellout", 2000);
        _clients = clients;
        var admin = Environment.GetEnvironmentVariable("DAPRSHOP_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=daprshop;Password=daprshop;Database=postgres";
        var csb = new NpgsqlConnectionStringBuilder(admin) { Database = "inventory_bench" };
        await RecreateDatabaseAsync(admin);

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DAPRSHOP_INVENTORY", TestDapr.RepositoryPath("services", "Inventory"));
        await using var dapr = await TestDapr.StartAsync();
        await using var tokens = await TestTokenIssuer.StartAsync(dapr.Cluster);
        await using var inventory = await ServiceHost.StartAsync<Program>(dapr, "inventory", o => o
            .ConnectionString("inventory", csb.ConnectionString)
            .Setting("Logging:LogLevel:Default", "Warning")
            .Setting("Logging:LogLevel:Microsoft.AspNetCore", "Warning")
            .Environment = "Production");
        var ordering = await dapr.Cluster.AddSidecarAsync(new SidecarOptions("ordering"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(30) };

        // Stock through the admin API, so the ledger holds the receipts too.
        foreach (var (tenant, units) in new[] { (HttpTenant, 1_000_000_000L), (PgbenchTenant, 1_000_000_000L), (SelloutTenant, (long)sellout) })
        {
            inventory.Client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Token(tenant, "admin"));
            var r = await inventory.Client.PostAsJsonAsync($"/api/v1/stock/{HotSku}/receive", new { quantity = units, reason = "bench stock" });
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"receive: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }

        // The no-contention ceiling: each client its own SKU, the same path; what the stack does when no row is shared.
        inventory.Client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Token(SpreadTenant, "admin"));
        for (var c = 0; c < clients; c++)
        {
            var r = await inventory.Client.PostAsJsonAsync($"/api/v1/stock/SPREAD-{c}/receive", new { quantity = 1_000_000_000L, reason = "bench stock" });
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"receive: {(int)r.StatusCode}");
        }

        var script = Path.Combine(Path.GetTempPath(), $"inventory-hot-sku-{Environment.ProcessId}.sql");
        // The very statement inventory's reserve runs against the stock row (Data/StockCommands.cs), without the ledger.
        await File.WriteAllTextAsync(script, $"""
            UPDATE stock_items SET on_hand = on_hand + 0, reserved = reserved + 1, updated_at = now()
             WHERE tenant_id = '{PgbenchTenant}' AND sku = '{HotSku}'
               AND reserved + 1 >= 0 AND on_hand + 0 >= reserved + 1 AND on_hand + 0 <= 1000000000000;
            """);

        Console.WriteLine($"inventory hot-SKU bench: {clients} clients, {seconds} s per phase, {rounds} rounds, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        Console.WriteLine("reservations go through ordering's sidecar (Dapr invocation) → inventory's sidecar → inventory → PostgreSQL");
        double httpTotal = 0, pgTotal = 0, spreadTotal = 0;
        var refused = 0;
        for (var round = 1; round <= rounds; round++)
        {
            NpgsqlConnection.ClearAllPools(); // the app's idle connections would count against max_connections during pgbench
            var pg = await PgbenchAsync(csb, script, clients, seconds);
            var (rate, failed) = await ReserveLoopAsync(http, ordering, HttpTenant, clients, TimeSpan.FromSeconds(seconds), stopWhenSoldOut: false);
            refused += failed;
            var (spread, spreadFailed) = await ReserveLoopAsync(http, ordering, SpreadTenant, clients, TimeSpan.FromSeconds(seconds), stopWhenSoldOut: false);
            refused += spreadFailed;
            spreadTotal += spread;
            Console.WriteLine($"round {round}: pgbench {pg,8:F0} updates/s   inventory HTTP {rate,8:F0} reservations/s   ratio {rate / pg:P0}   " +
                              $"(no shared row: {spread:F0}/s)");
            httpTotal += rate;
            pgTotal += pg;
        }

        // Sell-out: limited stock, the same clients until every reserve is refused; count what was promised.
        NpgsqlConnection.ClearAllPools();
        var sw = Stopwatch.StartNew();
        var (_, _, succeeded) = await SellOutAsync(http, ordering, clients);
        var (onHand, reserved) = await FiguresAsync(csb.ConnectionString, SelloutTenant);
        // Oversold: more promised (held) than there is, by the answers or by the table.
        var oversold = Math.Max(Math.Max(0, succeeded - sellout), Math.Max(0, reserved - onHand));
        var unreconciled = await UnreconciledAsync(csb.ConnectionString);

        Console.WriteLine();
        Console.WriteLine($"hot SKU, mean of {rounds} rounds: pgbench {pgTotal / rounds:F0}/s, inventory {httpTotal / rounds:F0}/s, ratio {httpTotal / pgTotal:P0} (target ≥ 50 %)");
        Console.WriteLine($"the same path with no shared row (each client its own SKU): {spreadTotal / rounds:F0}/s — the stack's ceiling on this machine");
        Console.WriteLine($"non-2xx answers during the rate phases: {refused}");
        Console.WriteLine($"sell-out of {sellout} units in {sw.Elapsed.TotalSeconds:F1} s: {succeeded} reservations succeeded, on hand {onHand}, reserved {reserved}, " +
                          $"oversold {oversold} (must be 0); held but answered late (timeout): {reserved - succeeded}");
        Console.WriteLine($"SKUs whose figures differ from their ledger (pgbench's row excluded: it bypasses the ledger): {unreconciled} (must be 0)");
        Console.WriteLine($"load after: {LoadAverage()}");
        File.Delete(script);
        Environment.ExitCode = oversold == 0 && unreconciled == 0 && reserved <= onHand ? 0 : 1;
    }

    static async Task<(double Rate, int Failed)> ReserveLoopAsync(HttpClient http, AppSidecar caller, Guid tenant, int clients, TimeSpan duration,
        bool stopWhenSoldOut)
    {
        var ok = 0;
        var failed = 0;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (deadline.Elapsed < duration)
            {
                using var response = await ReserveAsync(http, caller, tenant);
                if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref ok);
                else
                {
                    Interlocked.Increment(ref failed);
                    if (stopWhenSoldOut && response.StatusCode == HttpStatusCode.Conflict) return;
                }
            }
        })));
        return (ok / deadline.Elapsed.TotalSeconds, failed);
    }

    static async Task<(int Conflicts, int Other, int Succeeded)> SellOutAsync(HttpClient http, AppSidecar caller, int clients)
    {
        int ok = 0, conflicts = 0, other = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                using var response = await ReserveAsync(http, caller, SelloutTenant);
                if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref ok);
                else if (response.StatusCode == HttpStatusCode.Conflict) { Interlocked.Increment(ref conflicts); return; }
                else Interlocked.Increment(ref other);
            }
        })));
        if (other > 0) Console.WriteLine($"sell-out: {other} answers neither 201 nor 409 (timeouts under load; their reservations may still have been made)");
        return (conflicts, other, ok);
    }

    static int _spread;
    static int _clients = 64;

    static Task<HttpResponseMessage> ReserveAsync(HttpClient http, AppSidecar caller, Guid tenant)
    {
        var sku = tenant == SpreadTenant ? $"SPREAD-{Interlocked.Increment(ref _spread) % _clients}" : HotSku;
        var request = new HttpRequestMessage(HttpMethod.Post, $"{caller.HttpEndpoint}/v1.0/invoke/inventory/method/internal/v1/reservations")
        {
            Content = JsonContent.Create(new { orderId = Guid.CreateVersion7(), lines = new[] { new { sku, quantity = 1 } } }),
        }.ForTenant(tenant);
        return http.SendAsync(request);
    }

    static async Task<double> PgbenchAsync(NpgsqlConnectionStringBuilder csb, string script, int clients, int seconds)
    {
        var conninfo = $"host={csb.Host} port={csb.Port} user={csb.Username} password={csb.Password} dbname={csb.Database}";
        var start = new ProcessStartInfo("pgbench", ["-n", "-f", script, "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), conninfo])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var tps = Tps().Match(output);
        if (process.ExitCode != 0 || !tps.Success) throw new InvalidOperationException($"pgbench failed ({process.ExitCode}):\n{output}");
        return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    static async Task RecreateDatabaseAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS inventory_bench WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    static async Task<(long OnHand, long Reserved)> FiguresAsync(string connectionString, Guid tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT on_hand, reserved FROM stock_items WHERE tenant_id = $1 AND sku = $2", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = HotSku } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    static async Task<long> UnreconciledAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM stock_items s
             WHERE s.tenant_id <> $1
               AND (s.on_hand <> coalesce((SELECT sum(m.on_hand_delta) FROM stock_movements m WHERE m.tenant_id = s.tenant_id AND m.sku = s.sku), 0)
                 OR s.reserved <> coalesce((SELECT sum(m.reserved_delta) FROM stock_movements m WHERE m.tenant_id = s.tenant_id AND m.sku = s.sku), 0))
            """, connection) { Parameters = { new() { Value = PgbenchTenant } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
