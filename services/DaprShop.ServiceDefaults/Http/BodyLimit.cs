using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;

namespace DaprShop.ServiceDefaults.Http;

public static class BodyLimit
{
    /// <summary>
    /// Refuses a body larger than <paramref name="maxBytes"/> with 413 problem+json before it is read (Kestrel's default
    /// would read 30 MB first). Each service names its own limit, a little over its largest valid request.
    /// </summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxBytes));
}
