extern alias CartApp;
extern alias GatewayApp;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapr.Client;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;

// One add-item (Idempotency-Key, catalog and inventory checks through invocation, the actor's turn, its state
// transaction, timer and reminder) through the gateway, against one raw state write through the cart's sidecar, in
// interleaved rounds on one local-sidecar cluster. Catalog and inventory are small stand-ins answering the contracts.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
const int Rounds = 10;

await using var database = new PostgresDatabase();
await database.InitializeAsync();
await using var dapr = await TestDapr.StartAsync();
await using var identity = await TestIdentity.StartAsync(dapr);
var tenant = Guid.CreateVersion7();
var product = Guid.CreateVersion7();
await using var catalog = await SampleApp.StartAsync(dapr.Cluster, "catalog", endpoints: web =>
    web.MapPost("/internal/v1/products/lookup", (ProductLookupRequest r) => Results.Json(new ProductLookupResponse(
        [.. r.Ids!.Select(id => new ProductLookupItem(id, "SKU-1", "Bench product", new ProductPrice(9.99m, "EUR"), "active"))], []))));
await using var inventory = await SampleApp.StartAsync(dapr.Cluster, "inventory", endpoints: web =>
    web.MapPost("/internal/v1/stock/availability", (StockAvailabilityRequest r) =>
        Results.Json(new StockAvailabilityResponse([.. r.Skus.Select(s => new SkuAvailability(s, 1_000_000))]))));
await using var cart = await ServiceHost.StartAsync<CartApp::Program>(dapr, "cart", o => o
    .ConnectionString("cart", database.ConnectionString)
    .Setting("Logging:LogLevel:Default", "Warning"));
await using var gateway = await ServiceHost.StartAsync<GatewayApp::Program>(dapr, "gateway", o => o
    .Setting("Gateway:RateLimits:Enabled", "false")
    .Setting("Logging:LogLevel:Default", "Warning"));
using var state = new DaprClientBuilder().UseHttpEndpoint(cart.Sidecar.HttpEndpoint).UseGrpcEndpoint(cart.Sidecar.GrpcEndpoint).Build();

// Many users, one line each add: a cart never reaches its 99-unit limit, and actors are spread as in a shop.
var users = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToArray();
var clients = users.Select(u => new HttpClient
{
    BaseAddress = gateway.BaseAddress,
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer",
        identity.Token(tenant, u, ["customer"], DateTimeOffset.UtcNow, lifetime: TimeSpan.FromHours(2))) },
}).ToArray();
var n = 0;

async Task AddAsync()
{
    var client = clients[n++ % clients.Length];
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cart/cart/items") { Content = JsonContent.Create(new { productId = product, quantity = 1 }) };
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    using var response = await client.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        // A cart at 99 units of the product: clear it and go on.
        if ((int)response.StatusCode == 422) { using var clear = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/cart/cart/"); clear.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()); (await client.SendAsync(clear)).Dispose(); return; }
        throw new InvalidOperationException($"add: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

var payload = new { lines = new[] { new { productId = product, quantity = 1, unitPrice = 9.99m } } };
Task WriteAsync() => state.SaveStateAsync("statestore", $"{tenant}:bench:{n++ % 200}", payload);

var variants = new (string Name, Func<Task> Call)[]
{
    ("add item: gateway → cart → actor (catalog + inventory checks)", AddAsync),
    ("raw state write through the sidecar", WriteAsync),
};
foreach (var v in variants) for (var i = 0; i < 200; i++) await v.Call();   // warm-up

var latencies = variants.ToDictionary(v => v.Name, _ => new List<double>());
for (var round = 0; round < Rounds; round++)
    foreach (var v in variants)
        for (var i = 0; i < count / Rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await v.Call();
            latencies[v.Name].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
Console.WriteLine($"Cart benchmark — {count} sequential calls per variant in {Rounds} interleaved rounds; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| variant | p50 µs | p95 µs |");
Console.WriteLine("|---|---:|---:|");
foreach (var v in variants)
{
    var sorted = latencies[v.Name].Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {v.Name} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.95):0} |"));
}
var add = latencies[variants[0].Name].Order().ToList();
var raw = latencies[variants[1].Name].Order().ToList();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Ratio add-item / raw write: p50 {Percentile(add, 0.5) / Percentile(raw, 0.5):0.0}×, p95 {Percentile(add, 0.95) / Percentile(raw, 0.95):0.0}×"));
foreach (var c in clients) c.Dispose();
