using DaprShop.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace DaprShop.Gateway;

/// <summary>The gateway's hot-path log lines (source-generated).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Warning, "Invocation of {Service} failed in the sidecar ({Failure}): {Message}")]
    public static partial void SidecarFailed(ILogger logger, string service, SidecarFailure failure, string message);

    [LoggerMessage(2, LogLevel.Warning, "Proxying to {Service} failed ({Error})")]
    public static partial void ForwardingFailed(ILogger logger, string service, ForwarderError error, Exception? exception);

    [LoggerMessage(3, LogLevel.Information, "Rate limit refused a request: {Scope} over {Limit} per {Window}, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string scope, int limit, TimeSpan window, int retryAfterSeconds);

    [LoggerMessage(4, LogLevel.Warning, "Rate limit counters are unavailable; the request is let through (fail-open)")]
    public static partial void RateLimitStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "OpenAPI document of {Service} could not be fetched: {Reason}")]
    public static partial void OpenApiFetchFailed(ILogger logger, string service, string reason);
}
