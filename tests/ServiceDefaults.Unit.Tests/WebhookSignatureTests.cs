using System.Text;
using DaprShop.ServiceDefaults.Webhooks;

namespace DaprShop.ServiceDefaults.Unit.Tests;

/// <summary>
/// The kit's webhook signature, as payment verifies the card provider's and shipping the carrier's: HMAC-SHA256 over
/// "&lt;t&gt;." + body, with a tolerance on the timestamp.
/// </summary>
public sealed class WebhookSignatureTests
{
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_carrier");
    static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"tracking.updated\"}");
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    static SignatureCheck Verify(string? header, byte[]? body = null, byte[]? secret = null, DateTimeOffset? now = null) =>
        WebhookSignature.Verify(header, body ?? Body, secret ?? Secret, now ?? Now, Tolerance);

    static string Sign(DateTimeOffset at, byte[]? secret = null) => WebhookSignature.Sign(Body, at.ToUnixTimeSeconds(), secret ?? Secret);

    [Fact]
    public void Signed_now_with_the_secret_is_valid() => Assert.Equal(SignatureCheck.Valid, Verify(Sign(Now)));

    [Fact]
    public void The_MAC_is_HMAC_SHA256_of_timestamp_dot_body()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret,
            Encoding.UTF8.GetBytes($"{Now.ToUnixTimeSeconds()}.").Concat(Body).ToArray()));

        Assert.Equal($"t={Now.ToUnixTimeSeconds()},v1={expected}", Sign(Now));
    }

    [Fact]
    public void A_changed_body_is_a_mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verify(Sign(Now), body: Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"tracking.forged\"}")));

    [Fact]
    public void Another_secret_is_a_mismatch() => Assert.Equal(SignatureCheck.Mismatch, Verify(Sign(Now, Encoding.UTF8.GetBytes("other"))));

    [Fact]
    public void A_fresh_timestamp_on_an_old_MAC_is_a_mismatch()
    {
        var old = Sign(Now.AddHours(-1));
        var mac = old[(old.IndexOf(",v1=", StringComparison.Ordinal) + 4)..];

        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={Now.ToUnixTimeSeconds()},v1={mac}"));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Outside_the_tolerance_is_stale(int seconds) => Assert.Equal(SignatureCheck.Stale, Verify(Sign(Now.AddSeconds(seconds))));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void At_the_edge_of_the_tolerance_is_valid(int seconds) => Assert.Equal(SignatureCheck.Valid, Verify(Sign(Now.AddSeconds(seconds))));

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("   ", SignatureCheck.Missing)]
    [InlineData("v1=abc", SignatureCheck.Malformed)]
    [InlineData("t=1", SignatureCheck.Malformed)]
    [InlineData("t=x,v1=00", SignatureCheck.Malformed)]
    [InlineData("t=1,v1=zz00000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("garbage", SignatureCheck.Malformed)]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    public void Unreadable_headers_are_refused(string? header, SignatureCheck expected) => Assert.Equal(expected, Verify(header));

    [Fact]
    public void During_a_rotation_either_secret_verifies()
    {
        var current = Sign(Now);
        var previous = Sign(Now, Encoding.UTF8.GetBytes("previous"));
        var both = $"{current},v1={previous[(previous.IndexOf(",v1=", StringComparison.Ordinal) + 4)..]}";

        Assert.Equal(SignatureCheck.Valid, Verify(both));
        Assert.Equal(SignatureCheck.Valid, Verify(both, secret: Encoding.UTF8.GetBytes("previous")));
    }
}
