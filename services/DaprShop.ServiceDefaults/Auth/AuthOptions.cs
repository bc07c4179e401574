namespace DaprShop.ServiceDefaults.Auth;

/// <summary>
/// Who issues DaprShop's access tokens and for whom: one bound section (<c>Auth</c>) that identity issues with and
/// every service validates against, so the two can never drift apart.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The token issuer; its host is identity's app-id, so discovery and JWKS are reached through Dapr invocation.</summary>
    public Uri Issuer { get; set; } = new("http://identity/");

    /// <summary>The <c>aud</c> identity puts in every access token and every service requires.</summary>
    public string Audience { get; set; } = "daprshop";

    /// <summary>A discovery document URL reached directly instead of through the sidecar (rarely needed).</summary>
    public Uri? MetadataAddress { get; set; }
}
