using System.Globalization;
using Dapr;
using DaprShop.Gateway.Errors;
using Microsoft.Extensions.Options;

namespace DaprShop.Gateway.RateLimiting;

/// <summary>
/// Charges each request of a <see cref="RateLimitedRoute"/> before it is forwarded; over the limit → 429 problem
/// with <c>Retry-After</c>. Every answer of a limited route carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>
/// and <c>RateLimit-Reset</c> (IETF draft httpapi-ratelimit-headers) for its tightest counter. Runs after
/// authentication and authorization: the counters are keyed by the validated token's tenant and user.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, StateStoreRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options,
    ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var route = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedRoute>();
        var settings = options.CurrentValue;
        if (route is null || !settings.Enabled)
        {
            await next(http);
            return;
        }

        RateLimitResult result;
        try
        {
            result = await limiter.AcquireAsync(RateLimitTargets.For(http, route.Access, settings), http.RequestAborted);
        }
        catch (DaprException e)
        {
            // The counters are unreachable (state store or sidecar down). Refusing every request would turn a Redis
            // outage into a full API outage; the services still authenticate and authorize each call.
            GatewayLog.RateLimitStoreFailed(logger, e);
            await next(http);
            return;
        }

        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = result.Target.Rule.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = result.Decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = result.Decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (result.Allowed)
        {
            await next(http);
            return;
        }

        var retryAfter = result.Decision.RetryAfterSeconds;
        GatewayLog.RateLimited(logger, result.Target.Scope, result.Target.Rule.Limit, result.Target.Rule.Window, retryAfter);
        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await GatewayProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, GatewayProblems.TooManyRequests,
            "Too many requests",
            $"The {result.Target.Scope} limit of {result.Target.Rule.Limit} requests per {result.Target.Rule.Window.TotalSeconds:0} s is reached; retry after {retryAfter} s.");
    }
}
