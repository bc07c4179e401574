using System.Security.Cryptography;
using DaprShop.Identity.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace DaprShop.Identity.UnitTests;

public sealed class TokenKeyStoreTests
{
    [Fact]
    public void A_pem_rsa_key_gets_a_kid_derived_from_the_key_so_replicas_agree()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var a = TokenKeyStore.LoadPem(pem, "current");
        var b = TokenKeyStore.LoadPem(pem, "current");
        Assert.IsType<RsaSecurityKey>(a);
        Assert.Equal(a.KeyId, b.KeyId);
    }

    [Fact]
    public void A_short_rsa_key_is_refused()
    {
        using var rsa = RSA.Create(1024);
        Assert.Throws<InvalidOperationException>(() => TokenKeyStore.LoadPem(rsa.ExportPkcs8PrivateKeyPem(), "current"));
    }

    [Fact]
    public void The_encryption_key_must_be_32_bytes()
    {
        Assert.IsType<SymmetricSecurityKey>(TokenKeyStore.LoadSymmetric(Convert.ToBase64String(new byte[32])));
        Assert.Throws<InvalidOperationException>(() => TokenKeyStore.LoadSymmetric(Convert.ToBase64String(new byte[16])));
    }
}
