using System.Text.Json;

namespace DaprShop.Gateway.Errors;

/// <summary>What went wrong when the sidecar, not the service, answered a service invocation.</summary>
internal enum SidecarFailure
{
    /// <summary>The answer is the service's own (any status): pass it through.</summary>
    None,
    /// <summary>The service could not be reached (not running, no address, connection refused) → 503.</summary>
    Unavailable,
    /// <summary>The resiliency circuit breaker of the service is open (or half-open and busy) → 503.</summary>
    BreakerOpen,
    /// <summary>The resiliency timeout of the service expired → 504.</summary>
    TimedOut,
    /// <summary>The sidecar refused the call (access control, API token) or failed otherwise → 502.</summary>
    Refused,
}

/// <summary>
/// Reads daprd's error answers to <c>/v1.0/invoke</c>: <c>{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke,
/// id: catalog, err: ..."}</c> with status 500 (403 for <c>ERR_PERMISSION_DENIED</c>). The resiliency policies only show
/// in the message: Go's <c>context deadline exceeded</c> for a timeout, gobreaker's <c>circuit breaker is open</c> /
/// <c>too many requests</c> for a breaker. A service's own errors are problem+json without <c>errorCode</c>.
/// </summary>
internal static class SidecarErrors
{
    public const string DirectInvoke = "ERR_DIRECT_INVOKE";
    public const string PermissionDenied = "ERR_PERMISSION_DENIED";

    /// <summary>Only these answers can be the sidecar's: an error status with a plain JSON body.</summary>
    public static bool MayBeSidecarError(int status, string? contentType) =>
        status >= 400 && contentType is not null
        && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    public static SidecarFailure Classify(ReadOnlySpan<byte> json)
    {
        string? code, message;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("errorCode", out var c) || c.ValueKind != JsonValueKind.String)
                return SidecarFailure.None;
            code = c.GetString();
            message = doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return SidecarFailure.None;
        }
        return Classify(code, message);
    }

    public static SidecarFailure Classify(string? errorCode, string? message)
    {
        if (string.IsNullOrEmpty(errorCode) || !errorCode.StartsWith("ERR_", StringComparison.Ordinal)) return SidecarFailure.None;
        if (errorCode != DirectInvoke) return SidecarFailure.Refused;
        message ??= "";
        if (Has(message, "circuit breaker is open") || Has(message, "too many requests")) return SidecarFailure.BreakerOpen;
        if (Has(message, "deadline exceeded") || Has(message, "DeadlineExceeded") || Has(message, "timeout") || Has(message, "timed out"))
            return SidecarFailure.TimedOut;
        return SidecarFailure.Unavailable;
    }

    static bool Has(string message, string part) => message.Contains(part, StringComparison.OrdinalIgnoreCase);
}
