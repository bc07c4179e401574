using System.Collections.Concurrent;
using System.Text.Json;

namespace DaprShop.LocalSidecar.Tests.PubSub;

/// <summary>
/// Sees each delivery as the sidecar sent it — before the SDK's <c>UseCloudEvents()</c> unwraps the
/// envelope — by wrapping the app's pipeline from a startup filter.
/// </summary>
public sealed class CloudEventCapture : IStartupFilter
{
    public ConcurrentQueue<(string Path, string ContentType, string Body, Dictionary<string, string> Headers)> Requests { get; } = new();

    public IReadOnlyList<JsonElement> EventsTo(string path) =>
        Requests.Where(r => r.Path == path).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    public static Action<WebApplicationBuilder> Into(CloudEventCapture capture) =>
        b => b.Services.AddSingleton<IStartupFilter>(capture);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (ctx, nextMiddleware) =>
        {
            if (ctx.Request.Method == "POST" && ctx.Request.ContentType?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) == true)
            {
                ctx.Request.EnableBuffering();
                var body = await new StreamReader(ctx.Request.Body, leaveOpen: true).ReadToEndAsync();
                ctx.Request.Body.Position = 0;
                // Kestrel reuses header collections after the request: keep a copy.
                var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                Requests.Enqueue((ctx.Request.Path.Value ?? "", ctx.Request.ContentType, body, headers));
            }
            await nextMiddleware(ctx);
        });
        next(app);
    };
}
