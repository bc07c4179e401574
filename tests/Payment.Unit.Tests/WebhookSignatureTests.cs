using System.Text;
using DaprShop.Payment.Webhooks;

namespace DaprShop.Payment.UnitTests;

public sealed class WebhookSignatureTests
{
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_test_secret");
    static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"authorization.succeeded\"}");
    static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    static SignatureCheck Verify(string? header, byte[]? body = null, byte[]? secret = null, DateTimeOffset? now = null) =>
        WebhookSignature.Verify(header, body ?? Body, secret ?? Secret, now ?? Now, Tolerance);

    [Fact]
    public void A_message_signed_with_the_secret_just_now_is_valid() =>
        Assert.Equal(SignatureCheck.Valid, Verify(WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), Secret)));

    [Fact]
    public void The_header_has_the_timestamp_and_a_v1_hex_MAC() =>
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), Secret));

    [Fact]
    public void A_changed_body_does_not_verify()
    {
        var header = WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), Secret);
        var tampered = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"authorization.failed\"}");

        Assert.Equal(SignatureCheck.Mismatch, Verify(header, tampered));
    }

    [Fact]
    public void Another_secret_does_not_verify() =>
        Assert.Equal(SignatureCheck.Mismatch, Verify(WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes("other"))));

    [Fact]
    public void A_fresh_timestamp_put_on_an_old_signature_does_not_verify()
    {
        var old = WebhookSignature.Sign(Body, Now.AddHours(-1).ToUnixTimeSeconds(), Secret);
        var v1 = old[(old.IndexOf(",v1=", StringComparison.Ordinal) + 4)..];

        Assert.Equal(SignatureCheck.Mismatch, Verify($"t={Now.ToUnixTimeSeconds()},v1={v1}"));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_five_minutes_away_is_stale(int seconds) =>
        Assert.Equal(SignatureCheck.Stale, Verify(WebhookSignature.Sign(Body, Now.AddSeconds(seconds).ToUnixTimeSeconds(), Secret)));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void A_timestamp_within_five_minutes_is_fresh(int seconds) =>
        Assert.Equal(SignatureCheck.Valid, Verify(WebhookSignature.Sign(Body, Now.AddSeconds(seconds).ToUnixTimeSeconds(), Secret)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_header_is_missing(string? header) => Assert.Equal(SignatureCheck.Missing, Verify(header));

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1893499200")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1893499200,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_header_that_cannot_be_read_is_malformed(string header) => Assert.Equal(SignatureCheck.Malformed, Verify(header));

    [Fact]
    public void Any_of_several_v1_signatures_may_match_during_a_secret_rotation()
    {
        var t = Now.ToUnixTimeSeconds();
        var current = WebhookSignature.Sign(Body, t, Secret);
        var previous = WebhookSignature.Sign(Body, t, Encoding.UTF8.GetBytes("previous"));

        Assert.Equal(SignatureCheck.Valid, Verify($"{previous},{current[(current.IndexOf(',', StringComparison.Ordinal) + 1)..]}"));
    }
}
