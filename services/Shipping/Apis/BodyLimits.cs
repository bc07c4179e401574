using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Shipping.Apis;

internal static class BodyLimits
{
    /// <summary>A shipment request of 100 lines and every webhook are well under this; Kestrel's default would read 30 MB first.</summary>
    public const long MaxBodyBytes = 32 * 1024;

    /// <summary>Refuses a larger body with 413 problem+json before it is read.</summary>
    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));

    /// <summary>A carrier outage is a 503 with Retry-After, not a 500: the request was fine and its retry resumes it.</summary>
    public static TBuilder WithCarrierFailures<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            try
            {
                return await next(ctx);
            }
            catch (Carriers.CarrierUnavailableException)
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                return ShippingProblems.Unavailable();
            }
        });
        return builder;
    }
}
