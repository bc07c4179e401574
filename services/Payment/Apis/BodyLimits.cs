using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Payment.Apis;

internal static class BodyLimits
{
    /// <summary>Every payment request and webhook is well under a kilobyte; Kestrel's default would read 30 MB first.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Refuses a larger body with 413 problem+json before it is read.</summary>
    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
}
