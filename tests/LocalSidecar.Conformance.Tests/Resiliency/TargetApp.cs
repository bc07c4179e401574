using System.Collections.Concurrent;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Tests.Resiliency;

/// <summary>
/// An invocation target whose answers a test steers, counting what reached it:
/// <c>/answer/{code}</c> answers that status (a problem body for errors); <c>/flaky/{failures}/{code}</c>
/// answers <c>code</c> to its first <c>failures</c> calls and 200 "recovered" after; <c>/switch</c> fails
/// with 500 until <see cref="Healthy"/> is set; <c>/hang</c> never answers (until the caller gives up), and
/// <c>/hang-once</c> hangs on its first call only; <c>/gate</c> waits for <see cref="OpenGate"/>.
/// </summary>
public sealed class TargetApp : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _bodies = new();
    readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _aborted;

    TargetApp(SampleApp app) => App = app;

    public SampleApp App { get; }
    public volatile bool Healthy;

    /// <summary>Requests a handler saw end because the caller (the sidecar) went away.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    public IReadOnlyList<string> Bodies => [.. _bodies];

    public int CallsTo(string path) => _calls.GetValueOrDefault(path);

    public int TotalCalls => _calls.Values.Sum();

    public void OpenGate() => _gate.TrySetResult();

    public static async Task<TargetApp> StartAsync(LocalDaprCluster cluster, string appId)
    {
        TargetApp? target = null;
        var app = await SampleApp.StartAsync(cluster, appId, endpoints: web =>
        {
            web.Map("/answer/{code:int}", (HttpContext ctx, int code) => target!.Count(ctx, () => Answer(code)));
            web.Map("/flaky/{failures:int}/{code:int}", (HttpContext ctx, int failures, int code) =>
                target!.Count(ctx, () => target!.CallsTo(ctx.Request.Path) <= failures ? Answer(code) : Results.Text("recovered")));
            // Typed as Func, not RequestDelegate, so that minimal APIs write the IResult (HttpContext-only lambdas are RequestDelegates).
            web.Map("/switch", (Func<HttpContext, Task<IResult>>)(ctx => target!.Count(ctx, () => target!.Healthy ? Results.Text("healthy") : Answer(500))));
            web.Map("/hang", (Func<HttpContext, Task<IResult>>)(async ctx =>
            {
                await target!.Count(ctx, () => Results.Empty);
                return await target.HangAsync(ctx);
            }));
            web.Map("/hang-once", (Func<HttpContext, Task<IResult>>)(async ctx =>
            {
                await target!.Count(ctx, () => Results.Empty);
                return target.CallsTo("/hang-once") == 1 ? await target.HangAsync(ctx) : Results.Text("second time lucky");
            }));
            web.Map("/gate", (Func<HttpContext, Task<IResult>>)(async ctx =>
            {
                await target!.Count(ctx, () => Results.Empty);
                await target._gate.Task.WaitAsync(ctx.RequestAborted);
                return Results.Text("through the gate");
            }));
        });
        target = new TargetApp(app);
        return target;
    }

    static IResult Answer(int code) => code < 400 ? Results.Text($"status {code}", statusCode: code) : Results.Problem(statusCode: code, title: $"failing with {code}");

    async Task<IResult> Count(HttpContext ctx, Func<IResult> answer)
    {
        if (ctx.Request.ContentLength > 0)
        {
            using var reader = new StreamReader(ctx.Request.Body);
            _bodies.Enqueue(await reader.ReadToEndAsync(ctx.RequestAborted));
        }
        _calls.AddOrUpdate(ctx.Request.Path.Value!, 1, (_, n) => n + 1);
        return answer();
    }

    async Task<IResult> HangAsync(HttpContext ctx)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _aborted);
        }
        return Results.Empty;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
