using DaprShop.Payment.Providers;

namespace DaprShop.Payment.Apis;

internal static class ProviderFailures
{
    /// <summary>
    /// A provider outage is a 503 with Retry-After, not a 500: the request was fine and its retry (same order, same key)
    /// resumes where this one stopped.
    /// </summary>
    public static TBuilder WithProviderFailures<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            try
            {
                return await next(ctx);
            }
            catch (PaymentProviderUnavailableException)
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                return PaymentProblems.Unavailable();
            }
        });
        return builder;
    }
}
