using System.Collections.Concurrent;
using System.Text.Json;
using DaprShop.Contracts;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.Testing.Hosting;

namespace DaprShop.Catalog.Tests.Support;

/// <summary>A subscriber on <c>product-events</c> standing in for cart, search or reviews: records what it receives.</summary>
public sealed class ProductWatcher : IAsyncDisposable
{
    public const string AppId = "product-watcher";

    readonly ConcurrentQueue<(string Type, JsonElement Data)> _received = new();
    SampleApp? _app;

    public IReadOnlyList<(string Type, JsonElement Data)> Received => [.. _received];

    public IEnumerable<JsonElement> Of(string type, Guid productId) =>
        Received.Where(e => e.Type == type && e.Data.GetProperty("productId").GetGuid() == productId).Select(e => e.Data);

    public static async Task<ProductWatcher> StartAsync(LocalDaprCluster cluster)
    {
        var watcher = new ProductWatcher();
        watcher._app = await SampleApp.StartAsync(cluster, AppId, endpoints: app =>
            app.MapPost("/product-events", (JsonElement cloudEvent) =>
            {
                // UseCloudEvents unwraps the envelope's data; the type travels in the payload as eventType.
                var type = cloudEvent.TryGetProperty("eventType", out var t) ? t.GetString()! : "?";
                watcher._received.Enqueue((type, cloudEvent.Clone()));
                return Results.Ok();
            }).WithTopic(Components.PubSub, Topics.ProductEvents));
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
