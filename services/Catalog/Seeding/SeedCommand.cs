using System.Diagnostics;
using System.Globalization;
using DaprShop.Catalog.Data;
using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Catalog.Seeding;

/// <summary>
/// <c>seed --tenant &lt;id&gt; [--tenant &lt;id&gt; ...] [--products N] [--seed S]</c>: loads a deterministic demo catalogue into each
/// tenant through the configured store's bulk importer (COPY on PostgreSQL), in batches, with a progress bar.
/// No events are published: this is a data load, not a stream of admin changes. A tenant that already has products is
/// left alone, so running it twice changes nothing.
/// </summary>
internal sealed class SeedCommand
{
    public const int DefaultProducts = 500;
    public const int BatchSize = 5_000;

    /// <summary>Two demo tenants for <c>make seed</c> when none are named.</summary>
    public static readonly Guid[] DemoTenants = [Guid.Parse("01930000-0000-7000-8000-00000000d001"), Guid.Parse("01930000-0000-7000-8000-00000000d002")];

    public required IReadOnlyList<Guid> Tenants { get; init; }
    public int Products { get; init; } = DefaultProducts;
    public int Seed { get; init; } = 42;

    /// <summary>The command, when the first argument is <c>seed</c>; throws <see cref="ArgumentException"/> on a malformed one.</summary>
    public static SeedCommand? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "seed") return null;
        var tenants = new List<Guid>();
        int products = DefaultProducts, seed = 42;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--tenant": tenants.Add(Guid.TryParse(value, out var t) ? t : throw new ArgumentException($"--tenant {value}: not a tenant id")); break;
                case "--products": products = int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000_000 ? n : throw new ArgumentException($"--products {value}: 1 to 10,000,000"); break;
                case "--seed": seed = int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException($"--seed {value}: a whole number"); break;
                default: throw new ArgumentException($"unknown option {args[i]} (seed --tenant <id> [--tenant <id>] [--products N] [--seed S])");
            }
            i++;
        }
        return new SeedCommand { Tenants = tenants.Count > 0 ? tenants : DemoTenants, Products = products, Seed = seed };
    }

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var tenantId in Tenants)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
            var importer = scope.ServiceProvider.GetRequiredService<IProductImporter>();
            if (await importer.CountAsync(tenantId, cancellationToken) is var existing and > 0)
            {
                Console.Error.WriteLine($"tenant {tenantId}: already has {existing:N0} products; left as it is (seed an empty tenant)");
                continue;
            }
            var catalog = new DemoCatalog(tenantId, Seed);
            using var progress = new ConsoleProgress($"tenant {tenantId}", Products);
            var clock = Stopwatch.StartNew();
            for (var done = 0; done < Products; done += BatchSize)
            {
                var batch = catalog.Products(done, Math.Min(BatchSize, Products - done)).ToList();
                await importer.ImportAsync(tenantId, batch, cancellationToken);
                progress.Report(done + batch.Count);
            }
            progress.Done($"{Products:N0} products in {clock.Elapsed.TotalSeconds:F1} s");
        }
        return 0;
    }
}
