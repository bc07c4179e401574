using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DaprShop.Identity.Tests.Support;

/// <summary>Reads access tokens and makes the tampered variants an attacker would try.</summary>
internal static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    /// <summary>The same claims, header <c>alg: none</c>, no signature.</summary>
    public static string WithAlgNone(string token)
    {
        var header = Header(token);
        header["alg"] = "none";
        return $"{Encode(header)}.{token.Split('.')[1]}.";
    }

    /// <summary>The same header (kid included) and claims, signed by a key identity never had.</summary>
    public static string ResignedWithForeignKey(string token)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Header(token)["kid"]!.GetValue<string>() };
        return Sign(Payload(token), key);
    }

    /// <summary>Claims changed by <paramref name="change"/>, validly signed with identity's own private key.</summary>
    public static string ResignedWith(string token, string privateKeyPem, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var payload = Payload(token);
        change(payload);
        var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var key = new RsaSecurityKey(rsa) { KeyId = Header(token)["kid"]!.GetValue<string>() };
        return Sign(payload, key);
    }

    static string Sign(JsonObject payload, SecurityKey key) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            payload.ToJsonString(),
            new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });

    static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[index]))!.AsObject();

    static string Encode(JsonObject part) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(part.ToJsonString()));

    public static long Expiry(string token) => Payload(token)["exp"]!.GetValue<long>();

    public static JsonElement AsElement(JsonObject o) => JsonSerializer.Deserialize<JsonElement>(o.ToJsonString());
}
