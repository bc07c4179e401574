using System.Security.Cryptography;
using Dapr.Client;
using DaprShop.Contracts;
using Microsoft.IdentityModel.Tokens;

namespace DaprShop.Identity.Tokens;

/// <summary>
/// Loads identity's keys through the Dapr secret store (never from source or configuration files) once, at start-up,
/// and hands them to OpenIddict and to the JWT bearer handler that protects identity's own admin APIs.
/// </summary>
internal sealed class TokenKeyStore(DaprClient dapr, ILogger<TokenKeyStore> logger)
{
    public const string SigningCurrent = "identity-signing-current";
    public const string SigningPrevious = "identity-signing-previous";
    public const string Encryption = "identity-token-encryption";
    public const string EncryptionPrevious = "identity-token-encryption-previous";

    private TokenKeys? _keys;

    public TokenKeys Keys => _keys ?? throw new InvalidOperationException(
        "Token keys are not loaded yet: they are read from the Dapr secret store when the host starts.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var current = await GetAsync(SigningCurrent, required: true, cancellationToken)
            ?? throw new InvalidOperationException($"Secret '{SigningCurrent}' is missing.");
        var previous = await GetAsync(SigningPrevious, required: false, cancellationToken);
        var encryption = await GetAsync(Encryption, required: true, cancellationToken)
            ?? throw new InvalidOperationException($"Secret '{Encryption}' is missing.");
        var encryptionPrevious = await GetAsync(EncryptionPrevious, required: false, cancellationToken);

        List<SecurityKey> signing = [LoadPem(current, "current")];
        if (previous is not null)
        {
            signing.Add(LoadPem(previous, "previous"));
        }

        List<SecurityKey> encrypting = [LoadSymmetric(encryption)];
        if (encryptionPrevious is not null)
        {
            encrypting.Add(LoadSymmetric(encryptionPrevious));
        }

        _keys = new TokenKeys(signing, encrypting);
        logger.LogInformation("Loaded {SigningKeyCount} signing keys (current {KeyId}) from the secret store", signing.Count, signing[0].KeyId);
    }

    private async Task<string?> GetAsync(string name, bool required, CancellationToken cancellationToken)
    {
        try
        {
            var values = await dapr.GetSecretAsync(Components.SecretStore, name, cancellationToken: cancellationToken);
            return values.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        }
        catch (Dapr.DaprException) when (!required)
        {
            // An optional key (the previous one, during no rotation) is simply absent.
            return null;
        }
    }

    internal static SecurityKey LoadPem(string pem, string label)
    {
        // The RSA/ECDsa objects stay alive for the life of the process: the security keys use them to sign.
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            var ecKey = new ECDsaSecurityKey(ec);
            ecKey.KeyId = Base64UrlEncoder.Encode(ecKey.ComputeJwkThumbprint());
            return ecKey;
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048)
        {
            throw new InvalidOperationException($"The {label} signing key is {rsa.KeySize} bits; at least 2048 are required.");
        }

        // A kid derived from the key itself (RFC 7638 thumbprint): every replica computes the same one.
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    internal static SecurityKey LoadSymmetric(string base64)
    {
        var bytes = Convert.FromBase64String(base64.Trim());
        if (bytes.Length != 32)
        {
            throw new InvalidOperationException($"The token encryption key must be 32 bytes (base64); it is {bytes.Length}.");
        }

        return new SymmetricSecurityKey(bytes);
    }
}
