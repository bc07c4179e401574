using System.Globalization;
using System.Net;
using Dapr;
using Dapr.Client;
using DaprShop.LocalSidecar.Bench;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.State;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Each building-block call through the local sidecar against the same kind of call to a do-nothing
// server in the same run; the ratio is the sidecar's (and SDK's) overhead on this machine.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var warmup = Math.Max(200, count / 10);

var options = new ClusterOptions();
options.ResourcesPaths.Add(Path.Combine(AppContext.BaseDirectory, "resources"));
await using var cluster = await LocalDaprCluster.StartAsync(options);
var sidecar = await cluster.AddSidecarAsync("bench");

var delivered = new TaskCompletionSource();
var appBuilder = WebApplication.CreateSlimBuilder();
appBuilder.Logging.ClearProviders();
appBuilder.WebHost.UseUrls("http://127.0.0.1:0");
appBuilder.Configuration["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint;
appBuilder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint;
appBuilder.Services.AddDaprClient();
await using var app = appBuilder.Build();
app.UseCloudEvents();
app.MapSubscribeHandler();
app.MapGet("/noop", () => Results.Ok());
app.MapPost("/events", () => { delivered.TrySetResult(); return Results.Ok(); }).WithTopic("pubsub", "bench");
app.MapPost("/raw-events", () => { delivered.TrySetResult(); return Results.Ok(); });
await app.StartAsync();
var appPort = Port(app);
await sidecar.ConnectAppAsync(appPort);

var noopBuilder = WebApplication.CreateSlimBuilder();
noopBuilder.Logging.ClearProviders();
noopBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
noopBuilder.Services.AddGrpc();
await using var noop = noopBuilder.Build();
noop.MapGrpcService<NoopDaprService>();
await noop.StartAsync();

var dapr = app.Services.GetRequiredService<DaprClient>();
await dapr.SaveStateAsync("statestore", "bench", new { id = "bench", qty = 1 });
using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port(noop)}");
var raw = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);
using var viaSidecar = DaprClient.CreateInvokeHttpClient("bench", sidecar.HttpEndpoint);
using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}") };

var pairs = new List<(LatencySample Sidecar, LatencySample Baseline)>
{
    (await LatencySample.MeasureAsync("state get (SDK → local sidecar)", warmup, count,
            () => dapr.GetStateAsync<object>("statestore", "bench")),
        await LatencySample.MeasureAsync("raw gRPC GetState → do-nothing server", warmup, count,
            async () => await raw.GetStateAsync(new() { StoreName = "statestore", Key = "bench" }))),
    (await LatencySample.MeasureAsync("publish → delivered to subscriber", warmup, count, async () =>
        {
            delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await dapr.PublishEventAsync("pubsub", "bench", new { n = 1 });
            await delivered.Task;
        }),
        await LatencySample.MeasureAsync("raw HTTP POST → same handler", warmup, count, async () =>
        {
            delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var response = await direct.PostAsync("/raw-events", new StringContent("{}"));
            await delivered.Task;
        })),
    (await LatencySample.MeasureAsync("invoke GET via sidecar (SDK invoke client)", warmup, count,
            async () => (await viaSidecar.GetAsync("/noop")).Dispose()),
        await LatencySample.MeasureAsync("raw HTTP GET → app", warmup, count,
            async () => (await direct.GetAsync("/noop")).Dispose())),
};

// The same state get with the store's data in Redis (daprd's layout, as under `make run`), against the in-memory
// engine measured above: the cost of a Redis round trip (one Lua script) per read.
var redisHost = Environment.GetEnvironmentVariable("DAPRSHOP_TEST_REDIS") is { Length: > 0 } h ? h : "127.0.0.1:6379";
string? redisSkipped = null;
try
{
    var redisOptions = new ClusterOptions { StateEngine = StateEngineKind.Redis, RedisReplacement = new RedisEndpoint(redisHost, 0) };
    redisOptions.ResourcesPaths.Add(Path.Combine(AppContext.BaseDirectory, "resources"));
    await using var redisCluster = await LocalDaprCluster.StartAsync(redisOptions);
    // Its own app id, so the one key it writes to make run's database (0) is recognisably the benchmark's.
    var redisSidecar = await redisCluster.AddSidecarAsync("localsidecar-bench");
    using var redisDapr = new DaprClientBuilder().UseGrpcEndpoint(redisSidecar.GrpcEndpoint).UseHttpEndpoint(redisSidecar.HttpEndpoint).Build();
    await redisDapr.SaveStateAsync("statestore", "bench", new { id = "bench", qty = 1 });
    pairs.Add((await LatencySample.MeasureAsync("state get (SDK → local sidecar, Redis engine)", warmup, count,
        () => redisDapr.GetStateAsync<object>("statestore", "bench")), pairs[0].Sidecar));
    await redisDapr.DeleteStateAsync("statestore", "bench");
}
catch (ComponentInitException e)
{
    redisSkipped = $"Redis engine not measured: {e.Message}";
}

Console.WriteLine($"Local sidecar benchmark — {count} sequential calls each, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| operation | p50 µs | p99 µs | baseline | p50 µs | p99 µs | p50 ratio | p99 ratio |");
Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|");
foreach (var (s, b) in pairs)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {s.Name} | {s.P50:F0} | {s.P99:F0} | {b.Name} | {b.P50:F0} | {b.P99:F0} | {s.P50 / b.P50:F2}× | {s.P99 / b.P99:F2}× |"));
if (redisSkipped is not null) Console.WriteLine($"\n{redisSkipped}");

await app.StopAsync();
await noop.StopAsync();
return 0;

static int Port(WebApplication web) =>
    new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
