extern alias GatewayApp;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Dapr.Client;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;

// The gateway with its rate limiter (two counters per request: user and tenant, one bulk read and two conditional
// writes in the Dapr state store) against the same gateway with the limiter off, and both against a plain Dapr
// invocation of the same service without the gateway — all on one local-sidecar cluster in one run, the variants
// interleaved in rounds so that drift affects them alike.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
const int Rounds = 10;
const int Concurrency = 8;

await using var dapr = await TestDapr.StartAsync();
await using var identity = await TestIdentity.StartAsync(dapr);
await using var catalog = await SampleApp.StartAsync(dapr.Cluster, "catalog",
    endpoints: web => web.MapGet("/api/v1/products/{id}", (string id) => Results.Json(new { id, name = "Red shoes" })));
static void Limits(ServiceHostOptions o, bool enabled) => o
    .Setting("Gateway:RateLimits:Enabled", enabled ? "true" : "false")
    .Setting("Gateway:RateLimits:Default:User:Limit", "10000000")
    .Setting("Gateway:RateLimits:Default:Tenant:Limit", "10000000")
    .Setting("Logging:LogLevel:Default", "Warning");
await using var limited = await ServiceHost.StartAsync<GatewayApp::Program>(dapr, "gateway", o => Limits(o, enabled: true));
await using var unlimited = await ServiceHost.StartAsync<GatewayApp::Program>(dapr, "gateway-unlimited", o => Limits(o, enabled: false));

var token = identity.Token(Guid.CreateVersion7(), Guid.CreateVersion7(), ["customer"], DateTimeOffset.UtcNow, lifetime: TimeSpan.FromHours(1));
HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
using var viaLimited = Client(limited.BaseAddress);
using var viaUnlimited = Client(unlimited.BaseAddress);
using var viaSidecar = DaprClient.CreateInvokeHttpClient("catalog", limited.Sidecar.HttpEndpoint);

var variants = new (string Name, HttpClient Client, string Path)[]
{
    ("gateway, rate limits on", viaLimited, "/api/v1/catalog/products/42"),
    ("gateway, rate limits off", viaUnlimited, "/api/v1/catalog/products/42"),
    ("Dapr invocation alone (no gateway)", viaSidecar, "/api/v1/products/42"),
};

async Task CallAsync(HttpClient client, string path)
{
    using var response = await client.GetAsync(path);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

foreach (var v in variants)
    for (var i = 0; i < 300; i++) await CallAsync(v.Client, v.Path);   // warm-up: JIT, connection pools, JWKS

var latencies = variants.ToDictionary(v => v.Name, _ => new List<double>());
for (var round = 0; round < Rounds; round++)
    foreach (var v in variants)
        for (var i = 0; i < count / Rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await CallAsync(v.Client, v.Path);
            latencies[v.Name].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

var throughput = variants.ToDictionary(v => v.Name, _ => 0.0);
for (var round = 0; round < 3; round++)
    foreach (var v in variants)
    {
        var per = count / Concurrency;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = 0; i < per; i++) await CallAsync(v.Client, v.Path);
        }));
        throughput[v.Name] = Math.Max(throughput[v.Name], per * Concurrency / Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

var stateCalls = dapr.Cluster.Calls.Where(appId: "gateway", api: "state").Count;
Console.WriteLine($"Gateway benchmark — {count} sequential GETs per variant in {Rounds} interleaved rounds, then {Concurrency} concurrent loops; " +
                  $"{Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| variant | p50 µs | p95 µs | p99 µs | req/s with 8 in flight |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var v in variants)
{
    var sorted = latencies[v.Name].Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {v.Name} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.95):0} | {Percentile(sorted, 0.99):0} | {throughput[v.Name]:0} |"));
}
var on = latencies[variants[0].Name].Order().ToList();
var off = latencies[variants[1].Name].Order().ToList();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Rate limiter cost per request: p50 +{Percentile(on, 0.50) - Percentile(off, 0.50):0} µs, p99 +{Percentile(on, 0.99) - Percentile(off, 0.99):0} µs; " +
    $"throughput {throughput[variants[0].Name] / throughput[variants[1].Name]:P0} of the unlimited gateway. " +
    $"State calls recorded for the limited gateway: {stateCalls}."));
