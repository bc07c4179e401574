using System.Diagnostics;
using DaprShop.LocalSidecar.Cluster;

namespace DaprShop.LocalSidecar.Invocation;

/// <summary>
/// HTTP service invocation: the caller's sidecar resolves the target app and proxies the request to it
/// (method, path, query, headers and body), then copies status, headers and body back unchanged.
/// Errors of the sidecar itself are daprd's JSON errors (ERR_DIRECT_INVOKE, ERR_PERMISSION_DENIED).
/// </summary>
internal static class InvocationForwarder
{
    public const string AppIdHeader = "dapr-app-id";

    static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE", "Trailer",
        "dapr-api-token", AppIdHeader,
    };

    public static async Task ForwardAsync(HttpContext ctx, AppSidecar caller, string targetAppId, string path)
    {
        var cluster = caller.Cluster;
        var target = $"{targetAppId}{path}";
        var callee = cluster.Resolve(targetAppId);
        if (callee is null)
        {
            await ErrorAsync(ctx, caller, target, StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE",
                $"failed to invoke, id: {targetAppId}, err: failed to resolve address for '{targetAppId}-dapr.{cluster.Options.Namespace}.svc.cluster.local': no such host");
            return;
        }
        var acl = callee.Configuration?.AccessControl;
        if (acl is not null && !acl.Permits(caller.AppId, ctx.Request.Method, path))
        {
            await ErrorAsync(ctx, caller, target, StatusCodes.Status403Forbidden, "ERR_PERMISSION_DENIED",
                $"access control policy has denied access to id: {caller.AppId} operation: {path.TrimStart('/')} verb: {ctx.Request.Method}");
            return;
        }
        if (cluster.Faults.TakeInvocationFailure(callee.AppId))
        {
            await ErrorAsync(ctx, caller, target, StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE",
                $"failed to invoke, id: {targetAppId}, err: injected fault");
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Parse(ctx.Request.Method), path + ctx.Request.QueryString);
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(ctx.Request.Body);
        CopyRequestHeaders(ctx.Request.Headers, request);
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", caller.AppId);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", callee.AppId);
        if (!request.Headers.Contains("traceparent"))
            request.Headers.TryAddWithoutValidation("traceparent", Activity.Current?.Id ?? NewTraceparent());

        HttpResponseMessage response;
        try
        {
            response = await callee.App.SendAsync(request, ctx.RequestAborted);
        }
        catch (AppUnavailableException e)
        {
            await ErrorAsync(ctx, caller, target, StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE",
                $"failed to invoke, id: {targetAppId}, err: {e.Message}");
            return;
        }
        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var h in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                ctx.Response.Headers[h.Key] = h.Value.ToArray();
            await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
            cluster.Calls.Record(caller.AppId, "invoke", ctx.Request.Method, target, (int)response.StatusCode < 400 ? "ok" : $"ok: status {(int)response.StatusCode}");
        }
    }

    static void CopyRequestHeaders(IHeaderDictionary from, HttpRequestMessage to)
    {
        foreach (var h in from.Where(h => !HopByHop.Contains(h.Key)))
            if (!to.Headers.TryAddWithoutValidation(h.Key, (IEnumerable<string?>)h.Value))
                to.Content?.Headers.TryAddWithoutValidation(h.Key, (IEnumerable<string?>)h.Value);
    }

    static string NewTraceparent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    static Task ErrorAsync(HttpContext ctx, AppSidecar caller, string target, int status, string code, string message)
    {
        caller.Cluster.Calls.Record(caller.AppId, "invoke", ctx.Request.Method, target, $"{code}: {message}");
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new { errorCode = code, message });
    }
}
