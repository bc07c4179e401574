using System.Globalization;
using DaprShop.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Gateway.Errors;

/// <summary>The gateway's own error answers: RFC 9457 problem+json through the kit's problem details service.</summary>
internal static class GatewayProblems
{
    const string Base = "https://daprshop.dev/problems/";
    public const string ServiceUnavailable = Base + "service-unavailable";
    public const string ServiceTimeout = Base + "service-timeout";
    public const string BadGateway = Base + "bad-gateway";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string TooManyRequests = ProblemTypes.TooManyRequests;

    public static Task ServiceUnavailableAsync(HttpContext http, string service, string detail, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(http, StatusCodes.Status503ServiceUnavailable, ServiceUnavailable,
            $"The {service} service is unavailable", detail, service);
    }

    public static Task ServiceTimeoutAsync(HttpContext http, string service) =>
        WriteAsync(http, StatusCodes.Status504GatewayTimeout, ServiceTimeout,
            $"The {service} service did not answer in time", "The request may or may not have been carried out.", service);

    public static Task BadGatewayAsync(HttpContext http, string service, string detail) =>
        WriteAsync(http, StatusCodes.Status502BadGateway, BadGateway, $"The {service} service could not be reached", detail, service);

    public static Task WriteAsync(HttpContext http, int status, string type, string title, string? detail, string? service = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (service is not null) problem.Extensions["service"] = service;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
