using Microsoft.IdentityModel.Tokens;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// The key material read from the Dapr secret store at start-up. The first signing key signs; the others are
/// only published in the JWKS so tokens signed before a rotation stay valid until they expire.
/// The encryption keys protect refresh tokens (OpenIddict issues them as JWE); they must be the same on every
/// replica and across restarts, or refresh tokens issued earlier stop decrypting.
/// </summary>
internal sealed record TokenKeys(IReadOnlyList<SecurityKey> SigningKeys, IReadOnlyList<SecurityKey> EncryptionKeys);
