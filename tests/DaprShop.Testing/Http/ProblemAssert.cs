using System.Net;
using System.Text.Json;

namespace DaprShop.Testing.Http;

/// <summary>An RFC 9457 problem as a test reads it.</summary>
public sealed record Problem(int Status, string? Type, string? Title, string? Detail, JsonElement Body)
{
    /// <summary>Validation errors keyed by field path (<c>errors</c> member), empty when there are none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Body.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>();
}

/// <summary>Assertions on <c>application/problem+json</c> answers.</summary>
public static class ProblemAssert
{
    public const string MediaType = "application/problem+json";
    public const string ValidationType = "https://daprshop.dev/problems/validation";

    /// <summary>Asserts the response is a problem with the given status (and type, when given) and returns it.</summary>
    public static async Task<Problem> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.StatusCode == status, $"expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == MediaType,
            $"expected Content-Type {MediaType}, got '{response.Content.Headers.ContentType}': {text}");
        using var doc = JsonDocument.Parse(text);
        var body = doc.RootElement.Clone();
        var problem = new Problem(
            body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0,
            Str(body, "type"), Str(body, "title"), Str(body, "detail"), body);
        Assert.Equal((int)status, problem.Status);
        if (type is not null) Assert.Equal(type, problem.Type);
        // docs/api-conventions.md: every problem carries a stable type, the trace id and the correlation id.
        Assert.StartsWith("https://daprshop.dev/problems/", problem.Type ?? "");
        Assert.False(string.IsNullOrEmpty(Str(body, "traceId")), $"problem without traceId: {text}");
        Assert.False(string.IsNullOrEmpty(Str(body, "correlationId")), $"problem without correlationId: {text}");
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="fields"/> (field paths, case-insensitive).</summary>
    public static async Task<Problem> IsValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, ValidationType).ConfigureAwait(false);
        foreach (var field in fields)
            Assert.True(problem.Errors.ContainsKey(field), $"expected a validation error for '{field}', got [{string.Join(", ", problem.Errors.Keys)}]");
        return problem;
    }

    static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
