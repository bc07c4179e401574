using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaprShop.LocalSidecar.Http;

/// <summary>
/// What daprd's HTTP API writes the same way everywhere: error bodies (<c>{"errorCode","message"}</c>, plus
/// <c>details</c> with a <c>google.rpc.ErrorInfo</c> for the errors daprd builds with its richer error model)
/// and request metadata read from <c>metadata.*</c> query parameters.
/// </summary>
internal static class DaprHttp
{
    static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>An error answer. <paramref name="reason"/> (e.g. DAPR_STATE_NOT_FOUND) adds daprd's ErrorInfo detail.</summary>
    public static IResult Error(int status, string errorCode, string message, string? reason = null,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        Results.Json(Body(errorCode, message, reason, metadata), Json, statusCode: status);

    public static Task WriteErrorAsync(HttpContext ctx, int status, string errorCode, string message, string? reason = null) =>
        Error(status, errorCode, message, reason).ExecuteAsync(ctx);

    static ErrorBody Body(string errorCode, string message, string? reason, IReadOnlyDictionary<string, string>? metadata) => reason is null
        ? new ErrorBody(errorCode, message, null)
        : new ErrorBody(errorCode, message, [new ErrorInfo("type.googleapis.com/google.rpc.ErrorInfo", reason, "dapr.io", metadata)]);

    /// <summary>daprd takes request metadata from <c>metadata.*</c> query parameters (the first value of each).</summary>
    public static Dictionary<string, string> Metadata(HttpRequest request) =>
        request.Query.Where(q => q.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(q => q.Key["metadata.".Length..], q => q.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);

    /// <summary>Sets <c>metadata.{key}</c> response headers, as daprd returns component metadata.</summary>
    public static void MetadataHeaders(HttpResponse response, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        foreach (var (k, v) in metadata) response.Headers["metadata." + k] = v;
    }

    sealed record ErrorBody(
        [property: JsonPropertyName("errorCode")] string ErrorCode,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("details")] IReadOnlyList<ErrorInfo>? Details);

    sealed record ErrorInfo(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("domain")] string Domain,
        [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata);
}
