using System.Net;
using DaprShop.Notifications.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Notifications.Tests;

/// <summary>A mail server that refuses: retried with back-off by the sweep, dead-lettered after the last attempt, re-sent by an admin.</summary>
public sealed class ReliabilityTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    [Fact]
    public async Task A_refusing_mail_server_is_retried_then_dead_lettered_then_an_admin_resend_delivers_it()
    {
        var tenant = Guid.CreateVersion7();
        var user = service.NewUser(tenant);
        var admin = service.NewAdmin(tenant);
        service.Mail.RefuseAll();
        try
        {
            await service.RegisterAsync(user, waitForWelcome: false);
            var message = Assert.Single((await service.Api.OwnMessagesAsync(user)).Items);
            Assert.Equal(("pending", 1), (message.Status, message.Attempts));
            Assert.NotNull(message.NextAttemptAt);

            await service.SweepAsync(); // not due yet: nothing is tried
            Assert.Equal(1, (await service.Api.OwnMessageAsync(user, message.Id)).Attempts);

            await service.SweepAsync(TimeSpan.FromSeconds(10)); // second attempt, refused
            await AttemptsAsync(user, message.Id, 2);
            await service.SweepAsync(TimeSpan.FromSeconds(20)); // third and last attempt, refused → dead letter
            await AttemptsAsync(user, message.Id, 3);

            var dead = await service.Api.OwnMessageAsync(user, message.Id);
            Assert.Equal(("dead", NotificationsService.MaxAttempts), (dead.Status, dead.Attempts));
            Assert.Equal(["failed", "failed", "failed", "dead_lettered"], dead.Log!.Select(a => a.Outcome));
            Assert.Contains("554", dead.LastError, StringComparison.Ordinal);
            Assert.Contains((await service.Api.DeadLettersAsync(admin)).Items, m => m.Id == message.Id);
            Assert.Empty(service.Mail.To(user.Email));
        }
        finally
        {
            service.Mail.Accept();
        }

        var lateMessage = (await service.Api.DeadLettersAsync(admin)).Items.Single(m => m.UserId == user.UserId);
        var resent = await NotificationsApi.OkAsync<MessageView>(await service.Api.ResendAsync(admin, lateMessage.Id));

        Assert.Equal("sent", resent.Status);
        Assert.Equal(["resend_requested", "sent"], resent.Log!.Skip(4).Select(a => a.Outcome));
        Assert.Single(service.Mail.To(user.Email));
        Assert.DoesNotContain((await service.Api.DeadLettersAsync(admin)).Items, m => m.Id == lateMessage.Id);
        var again = await service.Api.ResendAsync(admin, lateMessage.Id);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "https://daprshop.dev/problems/notification-not-dead-lettered");
    }

    /// <summary>The cron binding may fire the same sweep beside the test's: wait for the count rather than read it once.</summary>
    Task AttemptsAsync(TestUser user, Guid id, int attempts) =>
        Eventually.TrueAsync(async () => (await service.Api.OwnMessageAsync(user, id)).Attempts == attempts, $"{attempts} attempts were made", Patience);

    /// <summary>Generous: CI runs every assembly at once on two cores.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_send_refused_once_goes_out_on_the_next_due_sweep()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        service.Mail.RefuseNext(1);

        await service.RegisterAsync(user, waitForWelcome: false);
        await service.SweepAsync(TimeSpan.FromSeconds(10));

        await service.Mail.WaitForAsync(user.Email);
        await Eventually.TrueAsync(async () => (await service.Api.OwnMessagesAsync(user)).Items.Single().Status == "sent", "the message is logged as sent");
        var message = Assert.Single((await service.Api.OwnMessagesAsync(user)).Items);
        Assert.Equal(("sent", 1), (message.Status, message.Attempts));
    }

    [Fact]
    public async Task Admins_resending_one_dead_letter_at_once_start_one_round_and_one_mail()
    {
        var tenant = Guid.CreateVersion7();
        var user = service.NewUser(tenant);
        var admin = service.NewAdmin(tenant);
        service.Mail.RefuseAll();
        Guid id;
        try
        {
            await service.RegisterAsync(user, waitForWelcome: false);
            id = Assert.Single((await service.Api.OwnMessagesAsync(user)).Items).Id;
            await service.SweepAsync(TimeSpan.FromSeconds(10));
            await AttemptsAsync(user, id, 2);
            await service.SweepAsync(TimeSpan.FromSeconds(20));
            await Eventually.TrueAsync(async () => (await service.Api.OwnMessageAsync(user, id)).Status == "dead", "the message was dead-lettered", Patience);
        }
        finally
        {
            service.Mail.Accept();
        }
        using var barrier = new Barrier(5);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            using var response = await service.Api.ResendAsync(admin, id);
            return response.StatusCode;
        }, TestContext.Current.CancellationToken)));

        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        await service.Mail.WaitForAsync(user.Email, timeout: Patience);
        Assert.Single(service.Mail.To(user.Email));
        Assert.Single((await service.Api.OwnMessageAsync(user, id)).Log!, a => a.Outcome == "resend_requested");
    }

    [Fact]
    public async Task Resending_is_for_admins_of_the_tenant_only()
    {
        var tenant = Guid.CreateVersion7();
        var customer = service.NewUser(tenant);
        var otherAdmin = service.NewAdmin(Guid.CreateVersion7());

        using var forbidden = await service.Api.ResendAsync(customer, Guid.CreateVersion7());
        using var unknown = await service.Api.ResendAsync(otherAdmin, Guid.CreateVersion7());

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }
}
