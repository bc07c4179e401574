using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Inventory.Apis;

internal static class BodyLimits
{
    /// <summary>
    /// The largest request (200 SKUs of availability, 100 reservation lines) is well under this; Kestrel's default
    /// would read 30 MB before refusing.
    /// </summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Refuses a larger body with 413 (problem+json through the kit's exception handling) before it is read.</summary>
    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
}
