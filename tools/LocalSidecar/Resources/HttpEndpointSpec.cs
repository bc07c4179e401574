namespace DaprShop.LocalSidecar.Resources;

/// <summary>
/// A Dapr <c>HTTPEndpoint</c> resource: an HTTP API outside the cluster that apps invoke by name like an app
/// (<c>/v1.0/invoke/&lt;name&gt;/method/&lt;path&gt;</c>), under the same resiliency targets (<c>targets.apps.&lt;name&gt;</c>).
/// The sidecar sends to <see cref="BaseUrl"/> + "/" + the method path, with the request's query and headers and the
/// resource's own <see cref="Headers"/> set over them (an API key, say).
/// </summary>
public sealed record HttpEndpointSpec(
    string Name,
    string BaseUrl,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<string> Scopes,
    string SourceFile)
{
    public bool IsVisibleTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);

    /// <summary>The URL daprd builds: the base URL as written, a slash, the method path, and the query.</summary>
    public Uri UrlFor(string method, string query)
    {
        var path = method.TrimStart('/');
        return new Uri(BaseUrl + (path.Length > 0 ? "/" + path : "") + query);
    }
}
