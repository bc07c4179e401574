using DaprShop.Notifications.Domain;

namespace DaprShop.Notifications.UnitTests;

public sealed class PreferencesTests
{
    static readonly Dictionary<(string, string), bool> NoChoices = [];

    [Theory]
    [InlineData("order_confirmed")]
    [InlineData("payment_failed")]
    [InlineData("refund")]
    public void A_transactional_kinds_email_cannot_be_turned_off_but_other_channels_can(string kind)
    {
        Assert.False(Preferences.CanSet(kind, Channels.Email, enabled: false));
        Assert.True(Preferences.CanSet(kind, Channels.Email, enabled: true));
        Assert.True(Preferences.CanSet(kind, Channels.Sms, enabled: false));
        Assert.True(Preferences.CanSet(kind, Channels.Webhook, enabled: false));
    }

    [Theory]
    [InlineData("welcome")]
    [InlineData("order_shipped")]
    [InlineData("order_delivered")]
    public void Other_kinds_can_be_turned_off_on_every_channel(string kind) =>
        Assert.All(Channels.All, c => Assert.True(Preferences.CanSet(kind, c, enabled: false)));

    [Fact]
    public void Without_choices_only_email_goes_out()
    {
        Assert.Equal([Channels.Email], Preferences.ChannelsFor(MessageKinds.Welcome, NoChoices, hasEmail: true, hasPhone: true, hasWebhook: true));
    }

    [Fact]
    public void A_transactional_email_goes_out_even_when_a_stored_choice_says_off()
    {
        var choices = new Dictionary<(string, string), bool> { [(MessageKinds.Refund, Channels.Email)] = false };

        Assert.Equal([Channels.Email], Preferences.ChannelsFor(MessageKinds.Refund, choices, hasEmail: true, hasPhone: false, hasWebhook: false));
    }

    [Fact]
    public void A_channel_turned_on_needs_an_address_to_go_out()
    {
        var choices = new Dictionary<(string, string), bool>
        {
            [(MessageKinds.OrderShipped, Channels.Email)] = false,
            [(MessageKinds.OrderShipped, Channels.Sms)] = true,
            [(MessageKinds.OrderShipped, Channels.Webhook)] = true,
        };

        Assert.Equal([Channels.Sms, Channels.Webhook], Preferences.ChannelsFor(MessageKinds.OrderShipped, choices, hasEmail: true, hasPhone: true, hasWebhook: true));
        Assert.Equal([Channels.Webhook], Preferences.ChannelsFor(MessageKinds.OrderShipped, choices, hasEmail: true, hasPhone: false, hasWebhook: true));
        Assert.Empty(Preferences.ChannelsFor(MessageKinds.Welcome, NoChoices, hasEmail: false, hasPhone: false, hasWebhook: false));
    }
}

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 900)]
    [InlineData(60, 900)]
    public void The_wait_doubles_from_the_first_up_to_the_cap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(attempts, firstSeconds: 30, maxSeconds: 900));

    [Fact]
    public void A_message_is_dead_lettered_on_its_last_allowed_attempt()
    {
        Assert.False(Backoff.IsExhausted(4, maxAttempts: 5));
        Assert.True(Backoff.IsExhausted(5, maxAttempts: 5));
    }
}
