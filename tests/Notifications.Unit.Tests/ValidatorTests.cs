using DaprShop.Notifications.Apis.Requests;
using DaprShop.Notifications.Validation;

namespace DaprShop.Notifications.UnitTests;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("+491701234567", true)]
    [InlineData("", true)]
    [InlineData("0170 1234567", false)]
    [InlineData("+0123456789", false)]
    [InlineData("+49170123456789012", false)]
    public void A_phone_is_e164_or_empty(string phone, bool valid) =>
        Assert.Equal(valid, new UpdatePreferencesRequestValidator().Validate(new UpdatePreferencesRequest(phone, null, null)).IsValid);

    [Theory]
    [InlineData("https://hooks.example.test/x", true)]
    [InlineData("http://hooks.example.test/x", false)]
    [InlineData("https://user:pw@hooks.example.test/x", false)]
    [InlineData("hooks.example.test", false)]
    public void A_webhook_url_is_https_without_credentials(string url, bool valid) =>
        Assert.Equal(valid, new UpdatePreferencesRequestValidator().Validate(new UpdatePreferencesRequest(null, url, null)).IsValid);

    [Fact]
    public void The_same_kind_and_channel_twice_is_invalid()
    {
        var twice = new UpdatePreferencesRequest(null, null, [new("welcome", "email", true), new("welcome", "email", false)]);

        Assert.False(new UpdatePreferencesRequestValidator().Validate(twice).IsValid);
    }

    [Theory]
    [InlineData("shop@acme.example.test", "Acme", true)]
    [InlineData("shop@acme.example.test", "", true)]
    [InlineData("Acme <shop@acme.example.test>", "Acme", false)]
    [InlineData("shop@acme.example.test\r\nBcc: x@y.test", "Acme", false)]
    [InlineData("shop@acme.example.test", "Acme \"Best\"", false)]
    [InlineData("shop@acme.example.test", "Acme\nShop", false)]
    public void A_sender_is_a_plain_address_and_a_header_safe_name(string address, string name, bool valid) =>
        Assert.Equal(valid, new SenderRequestValidator().Validate(new SenderRequest(address, name)).IsValid);

    [Fact]
    public void A_subject_is_one_line()
    {
        Assert.False(new TemplateRequestValidator().Validate(new TemplateRequest("a\r\nBcc: x", "body")).IsValid);
        Assert.True(new TemplateRequestValidator().Validate(new TemplateRequest("Hi {{ user.email }}", "body")).IsValid);
    }
}
