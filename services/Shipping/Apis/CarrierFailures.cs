namespace DaprShop.Shipping.Apis;

internal static class CarrierFailures
{
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
