using System.Text.Json.Serialization;

namespace DaprShop.Identity.Apis;

/// <summary>The OAuth 2.0 token response (RFC 6749 §5.1), as OpenIddict writes it; declared for OpenAPI.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);
