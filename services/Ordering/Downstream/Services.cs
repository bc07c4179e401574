using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaprShop.ServiceDefaults.Sidecar;

namespace DaprShop.Ordering.Downstream;

/// <summary>
/// A callee did not answer usefully (down, timed out, a 5xx, its sidecar's breaker open, an unreadable body). The saga's
/// activity fails with it, and the workflow's retry policy runs the activity again later; a business refusal (a 4xx
/// the callee means) is an answer, never this.
/// </summary>
internal sealed class DependencyUnavailableException(string appId, string message, Exception? inner = null)
    : Exception($"{appId}: {message}", inner)
{
    public string AppId { get; } = appId;
}

/// <summary>An answer of a service route: its status and, when it has one, its JSON body.</summary>
internal sealed record ServiceAnswer(HttpStatusCode Status, JsonElement? Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public T Read<T>() => Body is { } b ? b.Deserialize<T>(JsonSerializerOptions.Web)! : throw new InvalidOperationException("no body");

    /// <summary>A problem's <c>type</c>, or "".</summary>
    public string ProblemType => Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    /// <summary>A problem's <c>detail</c> (or title), for the order's status reason.</summary>
    public string ProblemDetail =>
        Body is { ValueKind: JsonValueKind.Object } b
            ? (b.TryGetProperty("detail", out var d) ? d.GetString() : null) ?? (b.TryGetProperty("title", out var t) ? t.GetString() : null) ?? ""
            : "";
}

/// <summary>
/// Calls another service's <c>RequireServiceCaller("ordering")</c> routes through Dapr service invocation (the kit's
/// invocation client: through ordering's sidecar, under the resiliency policy of the target app), naming the tenant in
/// <c>X-Tenant-ID</c>. No retry loop here: timeouts and retries belong to resiliency YAML, and a retry that must survive
/// a crash belongs to the workflow activity's retry policy.
/// </summary>
internal sealed class ServiceInvoker(IHttpClientFactory http)
{
    public async Task<ServiceAnswer> SendAsync(string appId, HttpMethod method, string route, Guid tenantId, object? body,
        CancellationToken ct, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, route).ForTenant(tenantId);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: JsonSerializerOptions.Web);
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await http.CreateClient(appId).SendAsync(request, ct);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                throw new DependencyUnavailableException(appId, $"{method} {route} answered {(int)response.StatusCode}");
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? json = string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
            return new ServiceAnswer(response.StatusCode, json);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(appId, e.Message, e);
        }
    }
}
