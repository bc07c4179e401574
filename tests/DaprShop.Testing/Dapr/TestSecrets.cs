using System.Security.Cryptography;

namespace DaprShop.Testing.Dapr;

/// <summary>Throwaway secret values, made fresh per test run: nothing real is ever read by a test.</summary>
public static class TestSecrets
{
    /// <summary>A new RSA 2048 private key as PKCS#8 PEM (what a signing-key secret holds).</summary>
    public static string RsaPrivateKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Base64 of <paramref name="bytes"/> random bytes (a symmetric key secret).</summary>
    public static string RandomBase64(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A password that satisfies the usual complexity rules, different every call.</summary>
    public static string Password() => "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-x9!";
}
