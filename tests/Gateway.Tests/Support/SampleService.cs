using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Hosting;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>
/// A stand-in for a DaprShop service behind the gateway (its own sidecar, its own app id): answers any
/// <c>/api/v1/...</c> request with an <see cref="Echo"/> of what arrived, plus a few routes that misbehave on purpose
/// (<c>/api/v1/slow</c> never answers until cancelled, <c>POST /api/v1/things</c> answers 201 with a Location, <c>/api/v1/fail</c> is the service's own 500 problem, <c>/api/v1/flaky/{name}</c> fails while <see cref="Failing"/> is set,
/// <c>/api/v1/missing</c> its own 404) and an OpenAPI document at <c>/swagger/v1/swagger.json</c>.
/// </summary>
public class SampleService : IAsyncDisposable
{
    readonly ConcurrentQueue<Echo> _received = new();

    protected SampleService(string appId) => AppId = appId;

    public string AppId { get; }
    public SampleApp App { get; private set; } = null!;
    public AppSidecar Sidecar => App.Sidecar;

    /// <summary>Every request that reached the service, in arrival order.</summary>
    public IReadOnlyCollection<Echo> Received => _received;

    public int ReceivedCount(string path) => _received.Count(e => e.Path == path);

    int _slowArrivals;
    int _flakyArrivals;

    /// <summary>Requests that reached <c>/api/v1/slow</c> (and are waiting there until cancelled).</summary>
    public int SlowArrivals => Volatile.Read(ref _slowArrivals);

    /// <summary>Requests that reached <c>/api/v1/flaky/...</c>, which fails while <see cref="Failing"/> is set.</summary>
    public int FlakyArrivals => Volatile.Read(ref _flakyArrivals);

    public bool Failing { get; set; }

    public static async Task<SampleService> StartAsync(LocalDaprCluster cluster, string appId)
    {
        var service = new SampleService(appId);
        await service.StartAppAsync(cluster);
        return service;
    }

    protected async Task StartAppAsync(LocalDaprCluster cluster) =>
        App = await SampleApp.StartAsync(cluster, AppId, endpoints: web =>
        {
            MapExtraEndpoints(web);
            web.MapGet("/swagger/v1/swagger.json", () => Results.Text(OpenApiDocument, "application/json"));
            web.MapGet("/api/v1/slow", async (CancellationToken ct) =>
            {
                Interlocked.Increment(ref _slowArrivals);
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return Results.Ok();
            });
            web.MapGet("/api/v1/flaky/{name}", (string name) =>
            {
                Interlocked.Increment(ref _flakyArrivals);
                return Failing
                    ? Results.Problem(statusCode: 500, title: "Flaky failure", type: "https://daprshop.dev/problems/internal")
                    : Results.Ok(new { ok = true });
            });
            web.MapGet("/api/v1/fail", () => Results.Problem(statusCode: 500, title: "The service's own failure",
                type: "https://daprshop.dev/problems/internal"));
            web.MapPost("/api/v1/things", () => Results.Created("/api/v1/things/7", new { id = 7 }));
            web.MapGet("/api/v1/missing", () => Results.Problem(statusCode: 404, title: "No such thing",
                type: "https://daprshop.dev/problems/not-found"));
            web.Map("/{**path}", (Func<HttpContext, Task<IResult>>)EchoAsync);
        });

    /// <summary>Answers with an <see cref="Echo"/> of the request and records it in <see cref="Received"/>.</summary>
    protected async Task<IResult> EchoAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var reader = new StreamReader(http.Request.Body);
        var echo = new Echo(AppId, http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(http.RequestAborted));
        _received.Enqueue(echo);
        return Results.Json(echo);
    }

    protected virtual void MapExtraEndpoints(WebApplication web) { }

    /// <summary>A small document in Swashbuckle's shape: API paths and one the gateway does not expose.</summary>
    public string OpenApiDocument => $$"""
        {
          "openapi": "3.0.4",
          "info": { "title": "DaprShop.{{AppId}}", "version": "v1" },
          "paths": {
            "/api/v1/things": { "get": { "operationId": "ListThings", "responses": { "200": { "description": "OK" } } } },
            "/api/v1/things/{id}": { "get": { "operationId": "GetThing", "responses": { "200": { "description": "OK" } } } },
            "/internal-cron": { "post": { "operationId": "Cron", "responses": { "200": { "description": "OK" } } } }
          }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
