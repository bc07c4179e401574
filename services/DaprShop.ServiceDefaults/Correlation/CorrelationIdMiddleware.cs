using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DaprShop.ServiceDefaults.Correlation;

/// <summary>Establishes the correlation id and opens the log scope every later log line of the request carries.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationId.Establish(context);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next(context);
    }
}
