using Microsoft.IdentityModel.Protocols;

namespace DaprShop.ServiceDefaults.Auth;

/// <summary>
/// Fetches the discovery document and the JWKS from the issuer's app through Dapr invocation, whatever host the
/// discovery document names: OpenIddict advertises its endpoints on the address the request arrived at (behind a
/// sidecar, the app's own loopback port, e.g. <c>http://127.0.0.1:8082/.well-known/jwks</c>), which an invocation
/// client would take for an app id. Only the path is kept; the app is always the issuer's.
/// </summary>
internal sealed class IssuerAppDocumentRetriever(HttpClient invokeClient, Uri issuer) : IDocumentRetriever
{
    readonly HttpDocumentRetriever _inner = new(invokeClient) { RequireHttps = false };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var path = Uri.TryCreate(address, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : address;
        return _inner.GetDocumentAsync(new Uri(issuer, path).AbsoluteUri, cancel);
    }
}
