using DaprShop.Gateway.Routing;
using DaprShop.ServiceDefaults.Correlation;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace DaprShop.Gateway.Errors;

/// <summary>
/// Runs in YARP's proxy pipeline: when the forward itself failed (the sidecar did not answer, or not in time) YARP
/// leaves a bare 502/504; this writes the problem instead. Errors after the answer started cannot be reported.
/// </summary>
internal sealed class ForwarderErrors(IOptions<GatewayOptions> options, ILogger<ForwarderErrors> logger)
{
    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        await next();
        var error = http.GetForwarderErrorFeature();
        if (error is null || http.Response.HasStarted) return;

        var service = http.GetRouteModel().Config.Metadata?.GetValueOrDefault(GatewayRoutes.ServiceKey) ?? "downstream";
        GatewayLog.ForwardingFailed(logger, service, error.Error, error.Exception);
        // YARP cleared the response; the correlation id still belongs on it.
        http.Response.Headers[CorrelationId.HeaderName] = CorrelationId.Of(http);
        switch (error.Error)
        {
            case ForwarderError.RequestTimedOut:
                await GatewayProblems.ServiceTimeoutAsync(http, service);
                break;
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled:
                break; // the client went away: nobody to answer
            case ForwarderError.RequestBodyClient when IsTooLarge(error.Exception):
                await BodyLimit.TooLargeAsync(http, options.Value.MaxRequestBodyBytes);
                break;
            case ForwarderError.RequestBodyClient:
                await GatewayProblems.WriteAsync(http, StatusCodes.Status400BadRequest, ServiceDefaults.Problems.ProblemTypes.BadRequest,
                    "The request body could not be read", null, service);
                break;
            default:
                await GatewayProblems.ServiceUnavailableAsync(http, service,
                    "The gateway could not reach its Dapr sidecar.", options.Value.UnavailableRetryAfterSeconds);
                break;
        }
    }

    static bool IsTooLarge(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return true;
        return false;
    }
}
