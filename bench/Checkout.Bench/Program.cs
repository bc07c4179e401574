extern alias GatewayApp;
extern alias InventoryApp;
extern alias OrderingApp;
extern alias PaymentApp;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.Contracts.Catalog;
using DaprShop.Contracts.Inventory;
using DaprShop.Contracts.Payment;
using DaprShop.Testing.Auth;
using DaprShop.Testing.Dapr;
using DaprShop.Testing.Hosting;
using DaprShop.Testing.Postgres;

// Checkout: one order placed through the gateway and carried by the whole saga (a Dapr Workflow: validate, price,
// reserve, authorise, confirm, capture; every step's state in PostgreSQL and the workflow's history in the actor
// store), timed from the POST to payment's capture event; against the same sequence of service calls made directly
// through ordering's sidecar without the workflow (validate ×2, price, reserve, authorise, capture, commit). Both with
// the same number of concurrent clients, in one run on one local-sidecar cluster; users and catalog are small
// stand-ins answering their contracts (their own costs are measured in their benchmarks).
// Usage: make bench-checkout [ARGS="--orders 1000 --clients 16"]
var orders = Arg("--orders", 1000);
var clients = Arg("--clients", 16);
const int Buyers = 100, Products = 20, WarmUp = 40;

foreach (var app in new[] { "Ordering", "Payment", "Inventory", "Gateway" })
    Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_DAPRSHOP_{app.ToUpperInvariant()}", TestDapr.RepositoryPath("services", app));

await using var orderingDb = new PostgresDatabase();
await using var paymentDb = new PostgresDatabase();
await using var inventoryDb = new PostgresDatabase();
await Task.WhenAll(orderingDb.InitializeAsync().AsTask(), paymentDb.InitializeAsync().AsTask(), inventoryDb.InitializeAsync().AsTask());
if (!orderingDb.IsAvailable) throw new InvalidOperationException("no PostgreSQL: set DAPRSHOP_TEST_POSTGRES");

const string Watcher = "capture-watcher";
await using var dapr = await TestDapr.StartAsync(
    new Dictionary<string, string> { ["payment-webhook-secret"] = TestSecrets.RandomBase64() },
    alsoScopedTo: new Dictionary<string, string[]> { [Components.PubSub] = [Watcher] });
await using var identity = await TestIdentity.StartAsync(dapr);
var tenant = Guid.CreateVersion7();
var productIds = Enumerable.Range(0, Products).Select(_ => Guid.CreateVersion7()).ToArray();
string Sku(Guid product) => $"BENCH-{product.ToString("N")[^10..].ToUpperInvariant()}";

await using var users = await SampleApp.StartAsync(dapr.Cluster, "users", endpoints: web =>
    web.MapGet("/internal/v1/users/{userId:guid}/validation", (Guid userId, Guid? addressId) =>
        Results.Ok(new { userId, tenantId = tenant, email = "buyer@example.test", address = new { id = addressId } })));
await using var catalog = await SampleApp.StartAsync(dapr.Cluster, "catalog", endpoints: web =>
    web.MapPost("/internal/v1/products/lookup", (ProductLookupRequest r) => Results.Ok(new ProductLookupResponse(
        [.. r.Ids!.Distinct().Select(id => new ProductLookupItem(id, Sku(id), "Bench product", new ProductPrice(9.99m, "EUR"), "active"))], []))));
// The saga's last step after the capture; a stand-in (shipping's own cost is not what this bench measures).
await using var shipping = await SampleApp.StartAsync(dapr.Cluster, "shipping", endpoints: web =>
    web.MapPost("/internal/v1/shipments", (JsonElement r) => Results.Json(new { orderId = r.GetProperty("orderId").GetGuid(), status = "requested" }, statusCode: 201)));

var captured = new ConcurrentDictionary<Guid, TaskCompletionSource>();
TaskCompletionSource Capture(Guid orderId) => captured.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
await using var watcher = await SampleApp.StartAsync(dapr.Cluster, Watcher, endpoints: web =>
    web.MapPost("/payment-succeeded", (JsonElement e) =>
    {
        var paid = e.Deserialize<PaymentSucceeded>(JsonSerializerOptions.Web)!;
        if (paid.Operation == "capture") Capture(paid.OrderId).TrySetResult();
        return Results.Ok();
    }).WithTopic(new Dapr.TopicOptions
    {
        PubsubName = Components.PubSub,
        Name = Topics.PaymentEvents,
        Match = $"event.type == \"{nameof(PaymentSucceeded)}\"",
        Priority = 1,
    }));

static void Quiet(ServiceHostOptions o) => o
    .Setting("Logging:LogLevel:Default", "Warning")
    .Setting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
await using var inventory = await ServiceHost.StartAsync<InventoryApp::Program>(dapr, "inventory", o => Quiet(o.ConnectionString("inventory", inventoryDb.ConnectionString)));
await using var payment = await ServiceHost.StartAsync<PaymentApp::Program>(dapr, "payment", o => Quiet(o.ConnectionString("payment", paymentDb.ConnectionString)));
await using var ordering = await ServiceHost.StartAsync<OrderingApp::Program>(dapr, "ordering", o => Quiet(o
    .ConnectionString("ordering", orderingDb.ConnectionString)
    // A benchmark's buyers order far more often than people do.
    .Setting("Ordering:PlacementsPerMinute", "1000000")));
await using var gateway = await ServiceHost.StartAsync<GatewayApp::Program>(dapr, "gateway", o => Quiet(o.Setting("Gateway:RateLimits:Enabled", "false")));

var admin = identity.Token(tenant, Guid.CreateVersion7(), ["admin"], DateTimeOffset.UtcNow, lifetime: TimeSpan.FromHours(4));
foreach (var product in productIds)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{Sku(product)}/receive")
    { Content = JsonContent.Create(new { quantity = 100_000_000L, reason = "bench stock" }) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    using var response = await inventory.Client.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"receive: {(int)response.StatusCode}");
}

var buyers = new List<Buyer>();
for (var b = 0; b < Buyers; b++)
{
    var userId = Guid.CreateVersion7();
    var token = identity.Token(tenant, userId, ["customer"], DateTimeOffset.UtcNow, lifetime: TimeSpan.FromHours(4));
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payment-methods")
    { Content = JsonContent.Create(new { number = "4242424242424242", expMonth = 12, expYear = 2035, cvc = "123", holderName = "Bench Buyer" }) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await payment.Client.SendAsync(request);
    var method = await response.Content.ReadFromJsonAsync<JsonElement>();
    buyers.Add(new Buyer(userId, new HttpClient { BaseAddress = gateway.BaseAddress, DefaultRequestHeaders = { Authorization = new("Bearer", token) } },
        Guid.CreateVersion7(), Guid.CreateVersion7(), method.GetProperty("token").GetString()!));
}

// The direct path calls the same service routes as ordering's activities, as ordering (through its sidecar).
using var invoke = new HttpClient { BaseAddress = new Uri(ordering.Sidecar.HttpEndpoint) };
var stepTimes = new ConcurrentDictionary<string, ConcurrentBag<double>>();
async Task<JsonElement> CallAsync(string step, string appId, HttpMethod method, string route, object? body)
{
    var started = Stopwatch.GetTimestamp();
    try { return await SendAsync(appId, method, route, body); }
    finally { stepTimes.GetOrAdd(step, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); }
}

async Task<JsonElement> SendAsync(string appId, HttpMethod method, string route, object? body)
{
    using var request = new HttpRequestMessage(method, $"/v1.0/invoke/{appId}/method{route}");
    request.Headers.Add("X-Tenant-ID", tenant.ToString());
    if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: JsonSerializerOptions.Web);
    using var response = await invoke.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{appId} {route}: {(int)response.StatusCode} {text}");
    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
}

// Each buyer's k-th order is for product k: no two orders of a buyer are alike (ordering refuses duplicates).
(Buyer Buyer, Guid Product) Pick(int i) => (buyers[i % Buyers], productIds[i / Buyers % Products]);

async Task SagaAsync(int i)
{
    var (buyer, product) = Pick(i);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ordering/orders")
    {
        Content = JsonContent.Create(new
        {
            lines = new[] { new { productId = product, quantity = 1 } },
            shippingAddressId = buyer.Shipping,
            billingAddressId = buyer.Billing,
            paymentMethodToken = buyer.PaymentToken,
        }),
    };
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    using var response = await buyer.Http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if ((int)response.StatusCode != 201) throw new InvalidOperationException($"place: {(int)response.StatusCode} {text}");
    var orderId = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    await Capture(orderId).Task.WaitAsync(TimeSpan.FromSeconds(60));
}

async Task DirectAsync(int i)
{
    var (buyer, product) = Pick(i);
    var orderId = Guid.CreateVersion7();
    await CallAsync("validate shipping address (users)", "users", HttpMethod.Get, $"/internal/v1/users/{buyer.UserId}/validation?addressId={buyer.Shipping}&type=SHIPPING", null);
    await CallAsync("validate billing address (users)", "users", HttpMethod.Get, $"/internal/v1/users/{buyer.UserId}/validation?addressId={buyer.Billing}&type=BILLING", null);
    var priced = await CallAsync("price (catalog)", "catalog", HttpMethod.Post, "/internal/v1/products/lookup", new ProductLookupRequest([product]));
    var price = priced.GetProperty("items")[0].GetProperty("price").GetProperty("amount").GetDecimal();
    await CallAsync("reserve (inventory)", "inventory", HttpMethod.Post, "/internal/v1/reservations", new ReserveStockRequest(orderId, [new StockLine(Sku(product), 1)]));
    await CallAsync("authorise (payment)", "payment", HttpMethod.Post, PaymentRoutes.Authorize,
        new AuthorizePaymentRequest(orderId, buyer.UserId, new MoneyAmount(price, "EUR"), buyer.PaymentToken));
    await CallAsync("capture (payment)", "payment", HttpMethod.Post, PaymentRoutes.Capture(orderId), new CapturePaymentRequest(null));
    await CallAsync("commit (inventory)", "inventory", HttpMethod.Post, $"/internal/v1/reservations/{orderId}/commit", null);
}

async Task<(double Seconds, List<double> Ms)> RunAsync(Func<int, Task> order, int first, int count)
{
    var latencies = new ConcurrentBag<double>();
    var next = first - 1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < first + count)
        {
            var start = Stopwatch.GetTimestamp();
            await order(i);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    })));
    return (clock.Elapsed.TotalSeconds, [.. latencies.Order()]);
}

// Warm-up of both paths (JIT, pools, first workflow), then the measured runs; the saga's orders go on numbering
// after the warm-up so no buyer repeats an order inside the duplicate window.
await RunAsync(SagaAsync, 0, WarmUp);
await RunAsync(DirectAsync, 0, WarmUp);
stepTimes.Clear();
var direct = await RunAsync(DirectAsync, WarmUp, orders);
var saga = await RunAsync(SagaAsync, WarmUp, orders);

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
var oversold = await inventoryDb.ScalarAsync<long>("select count(*) from stock_items where on_hand < 0 or reserved < 0 or reserved > on_hand");
var doubleCaptures = await paymentDb.ScalarAsync<long>(
    """select count(*) from (select "Payload"->>'orderId' from outbox_messages where "EventType" = 'PaymentSucceeded' and "Payload"->>'operation' = 'capture' group by 1 having count(*) > 1) d""");
Console.WriteLine($"Checkout benchmark — {orders} orders per variant, {clients} concurrent clients; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| variant | orders/s | p50 ms | p95 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (name, run) in new[] { ("checkout: gateway → ordering → saga (workflow) → capture event", saga), ("same service calls, direct, no workflow", direct) })
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {orders / run.Seconds:0.0} | {Percentile(run.Ms, 0.5):0.0} | {Percentile(run.Ms, 0.95):0.0} |"));
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Saga / direct: throughput {orders / saga.Seconds / (orders / direct.Seconds):0.00}×, p95 {Percentile(saga.Ms, 0.95) / Percentile(direct.Ms, 0.95):0.0}×; oversold SKUs {oversold}, orders captured twice {doubleCaptures}"));
Console.WriteLine();
Console.WriteLine("Where the direct path's time goes (per call, same run):");
Console.WriteLine();
Console.WriteLine("| step | p50 ms | p95 ms |");
Console.WriteLine("|---|---:|---:|");
foreach (var (step, times) in stepTimes)
{
    var sorted = times.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {Percentile(sorted, 0.5):0.0} | {Percentile(sorted, 0.95):0.0} |"));
}
foreach (var b in buyers) b.Http.Dispose();

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

sealed record Buyer(Guid UserId, HttpClient Http, Guid Shipping, Guid Billing, string PaymentToken);
