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
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string Unprocessable = Base + "unprocessable";
    public const string Locked = Base + "locked";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string TenantMismatch = Base + "tenant-mismatch";
    public const string Internal = Base + "internal";

    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        412 => PreconditionFailed,
        422 => Unprocessable,
        423 => Locked,
        429 => TooManyRequests,
        _ => Internal,
    };
}
