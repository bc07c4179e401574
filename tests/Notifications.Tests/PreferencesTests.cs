using System.Net;
using DaprShop.Contracts;
using DaprShop.Contracts.Ordering;
using DaprShop.Notifications.Tests.Support;
using DaprShop.Testing;
using DaprShop.Testing.Http;

namespace DaprShop.Notifications.Tests;

/// <summary>Users choose channels per kind of message; transactional messages always go by email.</summary>
public sealed class PreferencesTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Defaults_are_email_on_and_transactional_email_locked()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);

        var prefs = await service.Api.PreferencesAsync(user);

        Assert.Equal(user.Email, prefs.Email);
        Assert.Equal(18, prefs.Preferences.Length);
        Assert.All(prefs.Preferences.Where(p => p.Channel == "email"), p => Assert.True(p.Enabled));
        Assert.All(prefs.Preferences.Where(p => p.Channel != "email"), p => Assert.False(p.Enabled));
        Assert.Equal(["order_confirmed", "payment_failed", "refund"],
            prefs.Preferences.Where(p => p.Locked).Select(p => p.Kind).Order());
    }

    [Fact]
    public async Task Turning_off_a_transactional_kinds_email_is_refused_with_422_and_changes_nothing()
    {
        var user = service.NewUser(Guid.CreateVersion7());

        using var response = await service.Api.PutPreferencesAsync(user, new
        {
            preferences = new object[]
            {
                new { kind = "welcome", channel = "email", enabled = false },
                new { kind = "refund", channel = "email", enabled = false },
            },
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/notification-transactional");
        Assert.Contains("refund", problem.Detail, StringComparison.Ordinal);
        Assert.True((await service.Api.PreferencesAsync(user)).Preferences.Single(p => p.Kind == "welcome" && p.Channel == "email").Enabled);
    }

    [Fact]
    public async Task A_kind_turned_off_is_not_mailed_and_sms_turned_on_goes_through_the_http_binding()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        var prefs = await NotificationsApi.OkAsync<PreferencesView>(await service.Api.PutPreferencesAsync(user, new
        {
            phone = "+491701234567",
            preferences = new object[]
            {
                new { kind = "order_shipped", channel = "email", enabled = false },
                new { kind = "order_shipped", channel = "sms", enabled = true },
            },
        }));
        Assert.Equal("+491701234567", prefs.Phone);

        var shipped = service.Stamp(new OrderShipped(Guid.CreateVersion7(), "DS-2026-000200", user.UserId, "simulator", "SIM9", "https://t.example.test/SIM9"), user.TenantId);
        await service.PublishAsync(Topics.OrderEvents, shipped);

        await Eventually.TrueAsync(() => service.Http.At("/sms").Any(b => b.GetProperty("to").GetString() == "+491701234567"), "the SMS reached the gateway");
        await service.Host.Cluster.PubSub.WhenIdleAsync(Ct);
        var sms = service.Http.At("/sms").Single(b => b.GetProperty("to").GetString() == "+491701234567");
        Assert.Contains("https://t.example.test/SIM9", sms.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Single(service.Mail.To(user.Email)); // the welcome only
        Assert.Equal(1, await service.MessagesForEventAsync(shipped.EventId));
    }

    [Fact]
    public async Task A_webhook_url_receives_the_kinds_turned_on_for_it()
    {
        var user = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(user);
        await NotificationsApi.OkAsync<PreferencesView>(await service.Api.PutPreferencesAsync(user, new
        {
            webhookUrl = "https://hooks.example.test/me",
            preferences = new object[] { new { kind = "order_delivered", channel = "webhook", enabled = true } },
        }));

        await service.PublishAsync(Topics.OrderEvents, service.Stamp(
            new OrderDelivered(Guid.CreateVersion7(), "DS-2026-000300", user.UserId, [new OrderedLine(Guid.CreateVersion7(), 1)], service.Now), user.TenantId));

        await Eventually.TrueAsync(() => service.Http.At("/webhooks").Any(b => b.GetProperty("url").GetString() == "https://hooks.example.test/me"), "the webhook reached the relay");
        var hook = service.Http.At("/webhooks").Single(b => b.GetProperty("url").GetString() == "https://hooks.example.test/me");
        Assert.Equal("order_delivered", hook.GetProperty("kind").GetString());
        await service.Mail.WaitForAsync(user.Email, count: 2); // and the delivered mail, still on by default
    }

    [Fact]
    public async Task Malformed_preferences_are_400_and_need_a_token()
    {
        var user = service.NewUser(Guid.CreateVersion7());

        using var badPhone = await service.Api.PutPreferencesAsync(user, new { phone = "0170 123" });
        using var badUrl = await service.Api.PutPreferencesAsync(user, new { webhookUrl = "http://insecure.example.test" });
        using var badKind = await service.Api.PutPreferencesAsync(user, new { preferences = new object[] { new { kind = "spam", channel = "email", enabled = true } } });
        using var nul = await service.Api.PutPreferencesAsync(user, new { phone = "+49170\u00001234" });
        using var notJson = await service.Api.PutPreferencesAsync(user, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        // Expect: 100-continue, as a well-behaved client sends a large body: the app answers before reading it.
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Put, $"{NotificationsApi.Base}/preferences/me")
        {
            Content = new StringContent("{\"phone\":\"" + new string('x', 5 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        hugeRequest.Headers.ExpectContinue = true;
        hugeRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        using var huge = await service.Host.Client.SendAsync(hugeRequest, Ct);
        using var anonymous = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/preferences/me", token: null);

        await ProblemAssert.IsValidationProblemAsync(badPhone, "phone");
        await ProblemAssert.IsValidationProblemAsync(badUrl, "webhookUrl");
        await ProblemAssert.IsProblemAsync(badKind, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(nul, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(notJson, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
