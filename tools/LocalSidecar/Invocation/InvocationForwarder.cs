using System.Diagnostics;
using System.Globalization;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Resiliency;
using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Invocation;

/// <summary>
/// HTTP service invocation: the caller's sidecar resolves the target app and proxies the request to it
/// (method, path, query, headers and body), then copies status, headers and body back unchanged.
/// Errors of the sidecar itself are daprd's JSON errors (ERR_DIRECT_INVOKE, ERR_PERMISSION_DENIED).
/// <para>
/// When a Resiliency policy applies to the target (<c>targets.apps.&lt;app-id&gt;</c> or the
/// <c>DefaultApp…</c>/<c>Default…</c> policies of the caller's resources), it runs as daprd's HTTP
/// invocation handler runs it: every attempt has its own timeout and passes the endpoint's circuit
/// breaker; an attempt fails when the target cannot be reached, refuses the caller, times out, or answers
/// outside 200–399; failures are retried by the retry policy (only statuses its
/// <c>matching.httpStatusCodes</c> lists, when given), a refusing breaker ends the retries at once, and
/// the caller gets the last failure: the app's own answer, or 500 ERR_DIRECT_INVOKE naming the error
/// (<c>context deadline exceeded</c>, <c>circuit breaker is open</c>, <c>too many requests</c>).
/// </para>
/// <para>
/// A target named by an <c>HTTPEndpoint</c> resource (checked before the apps, as daprd does) is an HTTP API outside
/// the cluster: the request goes to its base URL, the same policies apply by its name, and its breaker is one per
/// endpoint (daprd keys it <c>{name}:{baseUrl}</c>, not per method).
/// </para>
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
        var endpoint = caller.Cluster.Resources.HttpEndpointFor(targetAppId, caller.AppId);
        var call = new InvocationCall(ctx, caller, targetAppId, path, endpoint);
        var policy = caller.Cluster.Resources.ResiliencyFor(caller.AppId).ForApp(targetAppId);
        // A chunked request is not replayed: daprd neither buffers it for retries nor retries it.
        var streaming = ctx.Request.ContentLength is null && ctx.Request.Headers.TransferEncoding.Count > 0;
        var body = await ForwardedBody.ReadAsync(ctx.Request, forReplay: policy?.HasRetries == true && !streaming);
        if (policy is null)
        {
            var single = await AttemptAsync(call, policy: null, breaker: null, body);
            if (single is not null) await WriteFailureAsync(call, single);
            return;
        }
        var breaker = policy.CircuitBreaker is { } cb ? caller.InvocationBreakers.For(call.BreakerKey, cb) : null;
        var time = caller.Cluster.Time;
        var started = time.GetUtcNow();
        for (var retries = 0; ; retries++)
        {
            var failure = await AttemptAsync(call, policy, breaker, body);
            if (failure is null) return;
            var retry = policy.Retry;
            var retriable = !failure.Permanent && !streaming && body.Replayable && retry is not null && retry.AllowsRetry(retries, time.GetUtcNow() - started) &&
                            (failure.AppStatus is not { } status || retry.RetriesStatus(status));
            if (!retriable || ctx.RequestAborted.IsCancellationRequested)
            {
                await WriteFailureAsync(call, failure);
                return;
            }
            var delay = retry!.DelayBefore(retries + 1);
            caller.Cluster.Calls.Record(caller.AppId, "invoke", "retry", call.Target,
                $"retry {retries + 1} in {delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
            await Task.Delay(delay, time, ctx.RequestAborted);
        }
    }

    /// <summary>One attempt; null when the answer went to the caller, else why it failed (nothing written yet).</summary>
    static async Task<InvocationFailure?> AttemptAsync(InvocationCall call, InvocationPolicy? policy, CircuitBreaker? breaker, ForwardedBody body)
    {
        var (ctx, caller) = (call.Context, call.Caller);
        long? ticket = null;
        if (breaker is not null)
        {
            try
            {
                ticket = breaker.Admit();
            }
            catch (CircuitBreakerRejectedException e)
            {
                return call.Failed(InvocationFailure.DirectInvoke(call.TargetAppId, e.Message, permanent: true));
            }
        }
        var succeeded = false;
        using var timeout = policy?.Timeout is { } t ? new CancellationTokenSource(t, caller.Cluster.Time) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, timeout?.Token ?? CancellationToken.None);
        try
        {
            var failure = await SendAsync(call, judge: policy is not null, body, linked.Token);
            succeeded = failure is null;
            return failure is null ? null : call.Failed(failure);
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !ctx.RequestAborted.IsCancellationRequested)
        {
            if (ctx.Response.HasStarted)
            {
                // The answer was already going out when the timeout fired: the caller gets it cut short.
                call.Caller.Cluster.Calls.Record(caller.AppId, "invoke", ctx.Request.Method, call.Target, "timeout while writing the answer");
                ctx.Abort();
                return null;
            }
            return call.Failed(InvocationFailure.DirectInvoke(call.TargetAppId, "context deadline exceeded"));
        }
        finally
        {
            if (ticket is { } tk) breaker!.Report(tk, succeeded);
        }
    }

    /// <summary>
    /// Sends to the target app. With <paramref name="judge"/> (a policy applies) an answer outside 200–399 is a
    /// failure to be retried or returned later, as daprd buffers it; otherwise every answer streams to the caller.
    /// </summary>
    static async Task<InvocationFailure?> SendAsync(InvocationCall call, bool judge, ForwardedBody body, CancellationToken ct)
    {
        var (ctx, caller) = (call.Context, call.Caller);
        var cluster = caller.Cluster;
        var endpoint = call.Endpoint;
        AppSidecar? callee = null;
        if (endpoint is null)
        {
            callee = cluster.Resolve(call.TargetAppId);
            if (callee is null)
                return InvocationFailure.DirectInvoke(call.TargetAppId,
                    $"failed to resolve address for '{call.TargetAppId}-dapr.{cluster.Options.Namespace}.svc.cluster.local': no such host");
            var acl = callee.Configuration?.AccessControl;
            if (acl is not null && !acl.Permits(caller.AppId, ctx.Request.Method, call.Path))
                return new InvocationFailure(StatusCodes.Status403Forbidden, "ERR_PERMISSION_DENIED",
                    $"access control policy has denied access to id: {caller.AppId} operation: {call.Method} verb: {ctx.Request.Method}");
        }
        if (cluster.Faults.TakeInvocationFailure(call.TargetAppId))
            return InvocationFailure.DirectInvoke(call.TargetAppId, "injected fault");

        using var request = new HttpRequestMessage(HttpMethod.Parse(ctx.Request.Method),
            endpoint is null ? new Uri(call.Path + ctx.Request.QueryString, UriKind.Relative) : endpoint.UrlFor(call.Path, ctx.Request.QueryString.Value ?? ""))
        {
            Content = body.CreateContent(),
        };
        CopyRequestHeaders(ctx.Request.Headers, request);
        foreach (var (name, value) in endpoint?.Headers ?? [])
        {
            request.Headers.Remove(name);
            request.Content?.Headers.Remove(name);
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        // An app may refuse a large body by its size before reading it and close the connection; asking it to
        // confirm first (100-continue) gets that answer before the body is sent (see ForwardedBody).
        if (request.Content is not null && (request.Content.Headers.ContentLength ?? long.MaxValue) > ForwardedBody.Large)
            request.Headers.ExpectContinue = true;
        if (callee is not null)
        {
            request.Headers.TryAddWithoutValidation("dapr-caller-app-id", caller.AppId);
            request.Headers.TryAddWithoutValidation("dapr-callee-app-id", callee.AppId);
        }
        if (!request.Headers.Contains("traceparent"))
            request.Headers.TryAddWithoutValidation("traceparent", Activity.Current?.Id ?? NewTraceparent());

        HttpResponseMessage response;
        try
        {
            response = callee is not null
                ? await callee.App.SendAsync(request, ct)
                : await cluster.ExternalHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (AppUnavailableException e)
        {
            return InvocationFailure.DirectInvoke(call.TargetAppId, e.Message);
        }
        catch (HttpRequestException e) when (callee is null)
        {
            return InvocationFailure.DirectInvoke(call.TargetAppId, e.Message);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var headers = response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key))
                .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToList();
            var streamingRequest = ctx.Request.ContentLength is null && ctx.Request.Headers.TransferEncoding.Count > 0;
            if (judge && status is < 200 or > 399 && !streamingRequest)
                return new InvocationFailure(status, null, null)
                {
                    AppStatus = status,
                    AppHeaders = headers,
                    AppBody = await response.Content.ReadAsByteArrayAsync(ct),
                };
            ctx.Response.StatusCode = status;
            foreach (var (name, values) in headers) ctx.Response.Headers[name] = values;
            await response.Content.CopyToAsync(ctx.Response.Body, ct);
            cluster.Calls.Record(caller.AppId, "invoke", ctx.Request.Method, call.Target, status < 400 ? "ok" : $"ok: status {status}");
            // daprd counts a streamed answer outside 200–399 against the breaker, after passing it on.
            return judge && status is < 200 or > 399
                ? new InvocationFailure(status, null, null) { AppStatus = status, Delivered = true, Permanent = true }
                : null;
        }
    }

    static async Task WriteFailureAsync(InvocationCall call, InvocationFailure failure)
    {
        var ctx = call.Context;
        if (failure.Delivered || ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = failure.Status;
        if (failure.AppBody is not null)
        {
            foreach (var (name, values) in failure.AppHeaders ?? []) ctx.Response.Headers[name] = values;
            await ctx.Response.Body.WriteAsync(failure.AppBody, ctx.RequestAborted);
            return;
        }
        await ctx.Response.WriteAsJsonAsync(new { errorCode = failure.ErrorCode, message = failure.Message }, ctx.RequestAborted);
    }

    static void CopyRequestHeaders(IHeaderDictionary from, HttpRequestMessage to)
    {
        foreach (var h in from.Where(h => !HopByHop.Contains(h.Key)))
            if (!to.Headers.TryAddWithoutValidation(h.Key, (IEnumerable<string?>)h.Value))
                to.Content?.Headers.TryAddWithoutValidation(h.Key, (IEnumerable<string?>)h.Value);
    }

    static string NewTraceparent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    /// <summary>One invocation as the caller asked for it: who, which app, which method path.</summary>
    sealed record InvocationCall(HttpContext Context, AppSidecar Caller, string TargetAppId, string Path, HttpEndpointSpec? Endpoint)
    {
        /// <summary>The method as daprd names it (the path without its leading slash); breakers are per method.</summary>
        public string Method => Path.TrimStart('/');

        /// <summary>Per app and method; per HTTP endpoint and base URL.</summary>
        public string BreakerKey => Endpoint is { } e ? $"{TargetAppId}:{e.BaseUrl}" : $"{TargetAppId}:{Method}";

        public string Target => $"{TargetAppId}{Path}";

        /// <summary>Records a failed attempt (an app answer is recorded with its status, sidecar errors with their code).</summary>
        public InvocationFailure Failed(InvocationFailure failure)
        {
            if (!failure.Delivered)
                Caller.Cluster.Calls.Record(Caller.AppId, "invoke", Context.Request.Method, Target,
                    failure.AppStatus is { } s ? $"ok: status {s}" : $"{failure.ErrorCode}: {failure.Message}");
            return failure;
        }
    }

    /// <summary>
    /// A failed attempt: the app's own answer (<see cref="AppStatus"/>, headers, body: daprd hands it back
    /// unchanged once retries are spent) or an error of the sidecar (status, errorCode, message).
    /// </summary>
    sealed record InvocationFailure(int Status, string? ErrorCode, string? Message)
    {
        public int? AppStatus { get; init; }
        public IReadOnlyList<KeyValuePair<string, string[]>>? AppHeaders { get; init; }
        public byte[]? AppBody { get; init; }
        /// <summary>No retry follows (a refusing breaker, an answer already passed on).</summary>
        public bool Permanent { get; init; }
        /// <summary>The answer already went to the caller.</summary>
        public bool Delivered { get; init; }

        public static InvocationFailure DirectInvoke(string targetAppId, string error, bool permanent = false) =>
            new(StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {targetAppId}, err: {error}")
            { Permanent = permanent };
    }
}
