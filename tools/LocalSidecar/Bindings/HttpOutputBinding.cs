using DaprShop.LocalSidecar.Resources;

namespace DaprShop.LocalSidecar.Bindings;

/// <summary>
/// <c>bindings.http</c>: sends a real HTTP request to the component's <c>url</c> (+ request metadata
/// <c>path</c>); other request metadata become headers; the response body and status come back.
/// Like the component, a status ≥ 400 is an error unless <c>errorIfNot2XX</c> is "false".
/// </summary>
internal sealed class HttpOutputBinding(ComponentSpec component, HttpClient http)
{
    static readonly Dictionary<string, HttpMethod> Operations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["get"] = HttpMethod.Get,
        ["head"] = HttpMethod.Head,
        ["post"] = HttpMethod.Post,
        ["create"] = HttpMethod.Post,
        ["put"] = HttpMethod.Put,
        ["patch"] = HttpMethod.Patch,
        ["delete"] = HttpMethod.Delete,
        ["options"] = HttpMethod.Options,
        ["trace"] = HttpMethod.Trace,
    };

    public async Task<OutputBindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        if (!Operations.TryGetValue(operation, out var method))
            throw new OutputBindingException($"invalid operation: {operation}");
        var baseUrl = component.Meta("url") ?? throw new OutputBindingException($"binding {component.Name}: metadata 'url' is required");
        var url = baseUrl.TrimEnd('/') + (metadata.TryGetValue("path", out var path) ? "/" + path.TrimStart('/') : "");
        using var request = new HttpRequestMessage(method, url);
        if (data.Length > 0) request.Content = new ByteArrayContent(data);
        foreach (var (k, v) in metadata.Where(kv => kv.Key != "path"))
            if (!request.Headers.TryAddWithoutValidation(k, v)) request.Content?.Headers.TryAddWithoutValidation(k, v);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var status = (int)response.StatusCode;
        if (status >= 400 && !string.Equals(component.Meta("errorIfNot2XX"), "false", StringComparison.OrdinalIgnoreCase))
            throw new OutputBindingException($"received status code {status}");
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["statusCode"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = $"{status} {response.ReasonPhrase}",
        };
        foreach (var h in response.Headers.Concat(response.Content.Headers)) meta[h.Key] = string.Join(", ", h.Value);
        return new OutputBindingResponse(body, meta);
    }
}
