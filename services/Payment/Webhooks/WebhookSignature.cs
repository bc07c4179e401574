using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DaprShop.Payment.Webhooks;

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Mismatch,
    Stale,
}

/// <summary>
/// <c>Simulator-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>: HMAC-SHA256 with the shared webhook secret over
/// <c>"&lt;t&gt;." + body</c>, as Stripe signs. Binding the timestamp into the MAC is what makes the tolerance check
/// mean something: an old message cannot be given a fresh time. Several <c>v1</c> entries are accepted (secret rotation).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Simulator-Signature";

    public static string Sign(ReadOnlySpan<byte> body, long timestamp, ReadOnlySpan<byte> secret) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(Mac(body, timestamp, secret))}");

    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return SignatureCheck.Malformed;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t")
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) return SignatureCheck.Malformed;
                timestamp = t;
            }
            else if (key == "v1")
            {
                if (value.Length != 64) return SignatureCheck.Malformed;
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    return SignatureCheck.Malformed;
                }
            }
        }

        if (timestamp is not { } ts || signatures.Count == 0) return SignatureCheck.Malformed;
        var expected = Mac(body, ts, secret);
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected))) return SignatureCheck.Mismatch;
        // Checked after the MAC, so an unauthenticated sender learns nothing about our clock.
        var age = now.ToUnixTimeSeconds() - ts;
        return Math.Abs(age) > tolerance.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
    }

    static byte[] Mac(ReadOnlySpan<byte> body, long timestamp, ReadOnlySpan<byte> secret)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, signed);
    }
}
