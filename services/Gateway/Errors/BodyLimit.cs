using System.Globalization;
using DaprShop.Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DaprShop.Gateway.Errors;

/// <summary>
/// Refuses a body over <see cref="GatewayOptions.MaxRequestBodyBytes"/> at the edge: a declared length is refused before
/// anything is read (413 problem); a chunked body that grows past the limit fails while it is forwarded, which
/// <see cref="ForwarderErrors"/> answers as 413 too. Nothing of it reaches a service, whose early refusal would
/// otherwise cut the forward short and look like an outage (503).
/// </summary>
internal sealed class BodyLimit(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var max = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
        {
            await TooLargeAsync(http, max);
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        await next(http);
    }

    public static Task TooLargeAsync(HttpContext http, long max) =>
        GatewayProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, GatewayProblems.PayloadTooLarge,
            "The request body is too large", $"Bodies up to {max.ToString(CultureInfo.InvariantCulture)} bytes are accepted.");
}
