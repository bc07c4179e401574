using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Payment;
using DaprShop.Contracts.Users;
using DaprShop.Notifications.Tests.Support;
using DaprShop.Testing;

namespace DaprShop.Notifications.Tests;

/// <summary>Each event that notifies becomes one message per allowed channel, sent over real SMTP at once.</summary>
public sealed class EventMessagesTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserRegistered_sends_a_welcome_mail_over_smtp_and_logs_it_for_the_user()
    {
        var user = service.NewUser(Guid.CreateVersion7());

        await service.RegisterAsync(user);

        var mail = Assert.Single(service.Mail.To(user.Email));
        Assert.Equal("Welcome to DaprShop", mail.Subject);
        Assert.Equal("shop@daprshop.local", mail.From);
        Assert.Contains(user.Email, mail.Body, StringComparison.Ordinal);
        // The server has the mail a moment before the send's transaction records it as sent.
        await Eventually.TrueAsync(async () => (await service.Api.OwnMessagesAsync(user)).Items.All(m => m.Status == "sent"), "the message is logged as sent");
        var log = await service.Api.OwnMessagesAsync(user);
        var message = Assert.Single(log.Items);
        Assert.Equal(("welcome", "email", "sent", user.Email), (message.Kind, message.Channel, message.Status, message.Recipient));
        var detail = await service.Api.OwnMessageAsync(user, message.Id);
        Assert.Equal("sent", Assert.Single(detail.Log!).Outcome);
        Assert.Contains("welcome", detail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_and_concurrent_redelivery_sends_one_mail()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        var registered = service.Stamp(new UserRegistered(user.UserId, user.Email, ["customer"]), user.TenantId);
        service.Host.Cluster.Faults.DuplicateNextDelivery(Topics.UserEvents);
        using var barrier = new Barrier(6);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(Ct);
            await service.PublishAsync(Topics.UserEvents, registered);
        }, Ct)));

        await service.Mail.WaitForAsync(user.Email);
        await service.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Single(service.Mail.To(user.Email));
        Assert.Equal(1, await service.MessagesForEventAsync(registered.EventId));
    }

    [Fact]
    public async Task OrderConfirmed_before_its_OrderCreated_is_retried_until_the_order_is_known_then_mailed_once()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        var orderId = Guid.CreateVersion7();
        var confirmed = service.Stamp(new OrderConfirmed(orderId), user.TenantId);

        await service.PublishAsync(Topics.OrderEvents, confirmed);
        await Eventually.TrueAsync(() => service.Host.Cluster.Calls.Where(appId: NotificationsService.AppId, api: "pubsub", operation: "deliver")
            .Any(c => c.Outcome.Contains("RETRY", StringComparison.OrdinalIgnoreCase)), "the early OrderConfirmed was answered RETRY");
        Assert.Equal(0, await service.MessagesForEventAsync(confirmed.EventId));

        await service.PublishAsync(Topics.OrderEvents, service.Stamp(new OrderCreated(orderId, "DS-2026-000777", user.UserId, [new OrderedLine(Guid.CreateVersion7(), 2)]), user.TenantId));

        var mails = await service.Mail.WaitForAsync(user.Email, count: 2, timeout: TimeSpan.FromSeconds(30));
        Assert.Contains(mails, m => m.Subject == "Your order DS-2026-000777 is confirmed");
        await service.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(1, await service.MessagesForEventAsync(confirmed.EventId));
    }

    [Fact]
    public async Task An_OrderConfirmed_whose_order_stays_unknown_past_the_wait_is_dropped_not_retried_forever()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        var stale = service.Stamp(new OrderConfirmed(Guid.CreateVersion7()), user.TenantId) with { OccurredAt = service.Now.AddHours(-2) };

        await service.PublishAsync(Topics.OrderEvents, stale);

        await service.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(0, await service.MessagesForEventAsync(stale.EventId));
        Assert.Contains(service.Host.Cluster.Calls.Where(appId: NotificationsService.AppId, api: "pubsub", operation: "deliver"),
            c => c.Outcome.Contains("DROP", StringComparison.OrdinalIgnoreCase));
        Assert.Single(service.Mail.To(user.Email)); // the welcome only
    }

    [Fact]
    public async Task Shipped_and_delivered_mails_carry_the_order_number_and_tracking_link()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        var orderId = Guid.CreateVersion7();

        await service.PublishAsync(Topics.OrderEvents, service.Stamp(
            new OrderShipped(orderId, "DS-2026-000100", user.UserId, "simulator", "SIM123", "https://track.example.test/SIM123?a=1&b=2"), user.TenantId));
        await service.PublishAsync(Topics.OrderEvents, service.Stamp(
            new OrderDelivered(orderId, "DS-2026-000100", user.UserId, [new OrderedLine(Guid.CreateVersion7(), 1)], service.Now), user.TenantId));

        var mails = await service.Mail.WaitForAsync(user.Email, count: 3);
        var shipped = Assert.Single(mails, m => m.Subject == "Your order DS-2026-000100 has shipped");
        Assert.Contains("SIM123", shipped.Body, StringComparison.Ordinal);
        Assert.Contains("https://track.example.test/SIM123?a=1&amp;b=2", shipped.Body, StringComparison.Ordinal); // HTML-encoded
        Assert.Single(mails, m => m.Subject == "Your order DS-2026-000100 was delivered");
    }

    [Fact]
    public async Task Payment_failed_and_refund_mails_name_the_amount_and_reason()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        var (orderId, number) = await service.CreateOrderAsync(user);

        await service.PublishAsync(Topics.PaymentEvents, service.Stamp(new PaymentFailed(Guid.CreateVersion7(), orderId, user.UserId,
            PaymentOperations.Authorize, "card_declined", "The card was declined", new MoneyAmount(12.5m, "EUR")), user.TenantId));
        await service.PublishAsync(Topics.PaymentEvents, service.Stamp(new PaymentRefunded(Guid.CreateVersion7(), orderId, user.UserId,
            Guid.CreateVersion7(), new MoneyAmount(12.5m, "EUR"), 12.5m, true, "returned"), user.TenantId));

        var mails = await service.Mail.WaitForAsync(user.Email, count: 3);
        var failed = Assert.Single(mails, m => m.Subject == $"Payment for your order {number} failed");
        Assert.Contains("12.50 EUR", failed.Body, StringComparison.Ordinal);
        Assert.Contains("The card was declined", failed.Body, StringComparison.Ordinal);
        var refund = Assert.Single(mails, m => m.Subject == $"Refund for your order {number}");
        Assert.Contains("in full", refund.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_without_a_usable_email_is_dropped_and_sends_nothing()
    {
        var tenant = Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        var broken = service.Stamp(new UserRegistered(userId, "not-an-address\r\nBcc: x@example.test", ["customer"]), tenant);

        await service.PublishAsync(Topics.UserEvents, broken);

        await service.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        Assert.Equal(0, await service.MessagesForEventAsync(broken.EventId));
        Assert.Equal(0, await service.CountAsync("select count(*) from contacts where user_id = $1", userId));
    }
}
