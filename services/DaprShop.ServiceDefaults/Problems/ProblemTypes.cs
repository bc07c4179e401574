namespace DaprShop.ServiceDefaults.Problems;

/// <summary>Stable <c>type</c> URIs, one per kind of error, so clients can branch on them (RFC 9457).</summary>
public static class ProblemTypes
{
    const string Base = "https://daprshop.dev/problems/";
    public const string Validation = Base + "validation";
    public const string BadRequest = Base + "bad-request";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string NotAcceptable = Base + "not-acceptable";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string ContentTooLarge = Base + "content-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string Unprocessable = Base + "unprocessable";
    public const string Locked = Base + "locked";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string TenantMismatch = Base + "tenant-mismatch";
    public const string Internal = Base + "internal";
    public const string ServiceUnavailable = Base + "service-unavailable";
    public const string GatewayTimeout = Base + "gateway-timeout";

    // A provider's signed webhook (Webhooks/SignedWebhooks): refused signature, timestamp out of tolerance, event id seen.
    public const string WebhookSignature = Base + "webhook-signature";
    public const string WebhookStale = Base + "webhook-stale";
    public const string WebhookReplayed = Base + "webhook-replayed";

    /// <summary>
    /// The type of a status with no more specific kind. Every status has its own (<c>…/http-408</c> for one without a
    /// name here): only a 500 is "internal", so a client never mistakes its own error for the server's.
    /// </summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => ContentTooLarge,
        415 => UnsupportedMediaType,
        422 => Unprocessable,
        423 => Locked,
        429 => TooManyRequests,
        500 => Internal,
        503 => ServiceUnavailable,
        504 => GatewayTimeout,
        _ => $"{Base}http-{status}",
    };
}
