using System.Diagnostics;
using DaprShop.ServiceDefaults.Correlation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DaprShop.ServiceDefaults.Problems;

internal static class ProblemDetailsExtensions
{
    /// <summary>Every error body is problem+json with a stable type, the request path, the trace id and the correlation id.</summary>
    public static void AddDaprShopProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var p = ctx.ProblemDetails;
            var status = p.Status ?? ctx.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(p.Type) || p.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
                p.Type = p is HttpValidationProblemDetails && status == 400 ? ProblemTypes.Validation : ProblemTypes.ForStatus(status);
            p.Instance ??= ctx.HttpContext.Request.Path;
            p.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            p.Extensions["correlationId"] = CorrelationId.Of(ctx.HttpContext);
            if (status == StatusCodes.Status503ServiceUnavailable && !ctx.HttpContext.Response.Headers.ContainsKey("Retry-After"))
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
        });

    /// <summary>
    /// Unhandled exceptions become problem+json. A request the server could not read (malformed JSON, wrong
    /// content type, body too large, a form past the form reader's limits on keys or value lengths) keeps its 4xx:
    /// a client's mistake is never a 500. A timeout underneath (the database's connection pool exhausted under load)
    /// is a 503 with <c>Retry-After</c>.
    /// </summary>
    public static void UseDaprShopExceptionHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,
        });
        app.UseStatusCodePages();
    }

    internal static int StatusFor(Exception e) => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // ReadFormAsync throws it for a form with too many keys, or a key or value too long (FormOptions limits).
        InvalidDataException => StatusCodes.Status400BadRequest,
        // Overload, not a fault (a connection pool or a dependency that did not answer in time): the client may retry.
        _ when CausedByTimeout(e) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    static bool CausedByTimeout(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is TimeoutException) return true;
        return false;
    }
}
