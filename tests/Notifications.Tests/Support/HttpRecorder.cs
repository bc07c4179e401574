using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace DaprShop.Notifications.Tests.Support;

/// <summary>
/// A real HTTP endpoint standing in for the SMS gateway and the webhook relay behind notifications' HTTP output
/// bindings: it keeps every request body by path.
/// </summary>
public sealed class HttpRecorder : IAsyncDisposable
{
    readonly WebApplication _web;

    HttpRecorder(WebApplication web, Uri url)
    {
        _web = web;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, JsonElement Body)> Requests { get; } = new();

    public IReadOnlyList<JsonElement> At(string path) => [.. Requests.Where(r => r.Path == path).Select(r => r.Body)];

    public static async Task<HttpRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        HttpRecorder? recorder = null;
        web.MapPost("/{**path}", async (HttpRequest r) =>
        {
            using var doc = await JsonDocument.ParseAsync(r.Body);
            recorder!.Requests.Enqueue((r.Path.Value!, doc.RootElement.Clone()));
            return Results.Accepted();
        });
        await web.StartAsync();
        var url = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        recorder = new HttpRecorder(web, url);
        return recorder;
    }

    public ValueTask DisposeAsync() => _web.DisposeAsync();
}
