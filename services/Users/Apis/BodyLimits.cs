using Microsoft.AspNetCore.Mvc;

namespace DaprShop.Users.Apis;

internal static class BodyLimits
{
    /// <summary>A profile or an address is well under a kilobyte; Kestrel's default would read 30 MB before refusing.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Refuses a larger body with 413 (problem+json through the kit's exception handling) before it is read.</summary>
    public static TBuilder WithSmallBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
}
