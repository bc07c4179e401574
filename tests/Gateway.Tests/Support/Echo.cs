using System.Text.Json.Serialization;

namespace DaprShop.Gateway.Tests.Support;

/// <summary>What a sample service received, as it answers it back: how the gateway's request arrived.</summary>
public sealed record Echo(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
