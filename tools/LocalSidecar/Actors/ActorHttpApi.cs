using System.Globalization;
using System.Text.Json;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// The sidecar's actor HTTP API v1.0 (what <c>Dapr.Actors</c>' DaprHttpInteractor calls): method invocation,
/// state, reminders and timers. Errors are daprd's JSON errors (<c>errorCode</c>, <c>message</c>).
/// </summary>
internal static class ActorHttpApi
{
    const string Actor = "/v1.0/actors/{type}/{id}";

    // Hop-by-hop and sidecar-only headers are not forwarded to the app.
    static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE", "Trailer",
        "Content-Length", "Content-Type", "dapr-api-token",
    };

    public static void Map(WebApplication web, AppSidecar sidecar)
    {
        var actors = sidecar.Cluster.Actors;
        var state = new ActorStateApi(sidecar);

        web.MapMethods(Actor + "/method/{method}", ["GET", "POST", "PUT", "DELETE"],
            (HttpContext ctx, string type, string id, string method) => InvokeAsync(ctx, sidecar, type, id, method));

        web.MapGet(Actor + "/state/{key}", (HttpContext ctx, string type, string id, string key) => Guard(ctx, async () =>
        {
            var entry = state.Get(type, id, key);
            if (entry is null || entry.Value.Length == 0) { ctx.Response.StatusCode = StatusCodes.Status204NoContent; return; }
            if (entry.ExpiresAt is { } at)
                ctx.Response.Headers["metadata.ttlExpireTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(entry.Value, ctx.RequestAborted);
        }));

        web.MapMethods(Actor + "/state", ["PUT", "POST"], (HttpContext ctx, string type, string id) => Guard(ctx, async () =>
        {
            using var body = await ReadJsonAsync(ctx, sidecar, "state-transaction", $"{type}/{id}");
            state.Transaction(type, id, body.RootElement);
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        }));

        web.MapMethods(Actor + "/reminders/{name}", ["PUT", "POST"], (HttpContext ctx, string type, string id, string name) => Guard(ctx, async () =>
        {
            using var body = await ReadJsonAsync(ctx, sidecar, "register-reminder", $"{type}/{id}/{name}");
            actors.Reminders.Register(sidecar, type, id, name, body.RootElement);
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        }));

        web.MapGet(Actor + "/reminders/{name}", (HttpContext ctx, string type, string id, string name) => Guard(ctx, async () =>
        {
            var reminder = actors.Reminders.Get(sidecar, type, id, name);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(reminder.GetBody(), ctx.RequestAborted);
        }));

        web.MapDelete(Actor + "/reminders/{name}", (HttpContext ctx, string type, string id, string name) => Guard(ctx, () =>
        {
            actors.Reminders.Unregister(sidecar, type, id, name);
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));

        web.MapMethods(Actor + "/timers/{name}", ["PUT", "POST"], (HttpContext ctx, string type, string id, string name) => Guard(ctx, async () =>
        {
            using var body = await ReadJsonAsync(ctx, sidecar, "register-timer", $"{type}/{id}/{name}");
            ActorTimers.Register(actors, sidecar, type, id, name, body.RootElement);
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        }));

        web.MapDelete(Actor + "/timers/{name}", (HttpContext ctx, string type, string id, string name) => Guard(ctx, () =>
        {
            ActorTimers.Unregister(actors, sidecar, type, id, name);
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
    }

    /// <summary>
    /// daprd's actor invocation: the call runs in the actor's turn on the hosting app. A 200 answer (including
    /// the .NET SDK's remoting exception, flagged by <c>X-DaprErrorResponseHeader</c>) goes back as the app sent
    /// it; any other status becomes ERR_ACTOR_INVOKE_METHOD, as daprd treats it as an actor service error.
    /// </summary>
    static Task InvokeAsync(HttpContext ctx, AppSidecar sidecar, string type, string id, string method) => Guard(ctx, async () =>
    {
        var target = $"{type}/{id}/{method}";
        var cluster = sidecar.Cluster;
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        var headers = ctx.Request.Headers.Where(h => !NotForwarded.Contains(h.Key))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.Where(v => v is not null).Select(v => v!).ToArray()))
            .Append(new KeyValuePair<string, string[]>("dapr-caller-app-id", [sidecar.AppId]))
            .ToList();
        ActorResponse response;
        try
        {
            response = await cluster.Actors.InvokeAsync(type, id, Uri.EscapeDataString(method), buffer.ToArray(), ctx.Request.ContentType, headers, ctx.RequestAborted);
        }
        catch (AppUnavailableException e)
        {
            throw Recorded(cluster, sidecar, target, ActorApiException.Invoke(e.Message));
        }
        catch (ActorApiException e)
        {
            throw Recorded(cluster, sidecar, target, e);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up (its timeout): daprd cancels the call, which ends the actor's turn.
            cluster.Calls.Record(sidecar.AppId, "actors", "invoke", target, "cancelled: the caller went away");
            return;
        }
        if (response.Status == StatusCodes.Status404NotFound)
            throw Recorded(cluster, sidecar, target, ActorApiException.Invoke($"actor method not found: actors/{type}/{id}/method/{method}"));
        if (response.Status != StatusCodes.Status200OK)
            throw Recorded(cluster, sidecar, target, ActorApiException.Invoke(
                $"error from actor service: ({response.Status}) {System.Text.Encoding.UTF8.GetString(response.Body)}"));
        cluster.Calls.Record(sidecar.AppId, "actors", "invoke", target, response.IsActorError ? "ok: actor raised an exception" : "ok");
        ctx.Response.StatusCode = response.Status;
        foreach (var (name, values) in response.Headers) ctx.Response.Headers[name] = values;
        if (response.ContentType is not null) ctx.Response.ContentType = response.ContentType;
        await ctx.Response.Body.WriteAsync(response.Body, ctx.RequestAborted);
    });

    static ActorApiException Recorded(LocalDaprCluster cluster, AppSidecar sidecar, string target, ActorApiException e)
    {
        cluster.Calls.Record(sidecar.AppId, "actors", "invoke", target, $"{e.ErrorCode}: {e.Message}");
        return e;
    }

    static async Task<JsonDocument> ReadJsonAsync(HttpContext ctx, AppSidecar sidecar, string op, string target)
    {
        try
        {
            return await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException e)
        {
            var error = new ActorApiException(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST", $"failed deserializing HTTP body: {e.Message}");
            sidecar.Cluster.Calls.Record(sidecar.AppId, "actors", op, target, $"{error.ErrorCode}: {error.Message}");
            throw error;
        }
    }

    static async Task Guard(HttpContext ctx, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (ActorApiException e) when (!ctx.Response.HasStarted)
        {
            ctx.Response.StatusCode = e.Status;
            await ctx.Response.WriteAsJsonAsync(new { errorCode = e.ErrorCode, message = e.Message }, ctx.RequestAborted);
        }
    }
}
