using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>
/// Stands in for the sidecar's HTTP API where the test must see or shape exactly what daprd gets and answers:
/// it records each request the gateway sends to <c>/v1.0/invoke/...</c> and answers with the next queued answer
/// (by default daprd's own error shapes, e.g. <c>ERR_DIRECT_INVOKE</c> with a timeout or open-breaker message).
/// The gateway's gRPC endpoint stays the real local sidecar, so its state store (rate limits) works as usual.
/// </summary>
public sealed class SidecarStandIn : IAsyncDisposable
{
    readonly WebApplication _web;
    readonly ConcurrentQueue<(int Status, string Body)> _answers = new();

    SidecarStandIn(WebApplication web) => _web = web;

    public ConcurrentQueue<HttpRequestSnapshot> Requests { get; } = new();

    public string Endpoint => _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>daprd's answer when an invocation fails: status 500, <c>{"errorCode":"ERR_DIRECT_INVOKE","message":...}</c>.</summary>
    public void AnswerDirectInvokeError(string appId, string err) =>
        _answers.Enqueue((500, $$"""{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: {{appId}}, err: {{err}}"}"""));

    public void Answer(int status, string json) => _answers.Enqueue((status, json));

    public static async Task<SidecarStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var standIn = new SidecarStandIn(web);
        web.Map("/{**path}", async (HttpContext http) =>
        {
            standIn.Requests.Enqueue(new HttpRequestSnapshot(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var (status, body) = standIn._answers.TryDequeue(out var a) ? a : (200, """{"ok":true}""");
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body, http.RequestAborted);
        });
        await web.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}

public sealed record HttpRequestSnapshot(string Method, string Path, string Query, Dictionary<string, string> Headers);
