using System.Net;
using DaprShop.Notifications.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Notifications.Tests;

/// <summary>Another tenant's (or another customer's) message is a 404 on every route; lists show only one's own.</summary>
public sealed class TenantIsolationTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    [Fact]
    public async Task Messages_are_seen_only_by_their_user_and_their_tenants_staff()
    {
        var tenant = Guid.CreateVersion7();
        var ann = service.NewUser(tenant);
        var bob = service.NewUser(tenant);
        var support = service.NewUser(tenant, "support");
        var otherAdmin = service.NewAdmin(Guid.CreateVersion7());
        await service.RegisterAsync(ann);
        await service.RegisterAsync(bob);
        var annMessage = Assert.Single((await service.Api.OwnMessagesAsync(ann)).Items);

        using var bobReadsAnn = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/me/{annMessage.Id}", bob.Token);
        using var otherTenantReads = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages/{annMessage.Id}", otherAdmin.Token);
        using var otherTenantResends = await service.Api.ResendAsync(otherAdmin, annMessage.Id);
        var supportReads = await NotificationsApi.OkAsync<MessageView>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages/{annMessage.Id}", support.Token));
        var otherTenantList = await NotificationsApi.OkAsync<PageView<MessageView>>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages", otherAdmin.Token));
        var tenantList = await NotificationsApi.OkAsync<PageView<MessageView>>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages?userId={ann.UserId}", support.Token));
        using var customerList = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages", ann.Token);

        await ProblemAssert.IsProblemAsync(bobReadsAnn, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(otherTenantReads, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(otherTenantResends, HttpStatusCode.NotFound);
        Assert.Equal(annMessage.Id, supportReads.Id);
        Assert.Empty(otherTenantList.Items);
        Assert.Equal(annMessage.Id, Assert.Single(tenantList.Items).Id);
        Assert.Equal(HttpStatusCode.Forbidden, customerList.StatusCode);
        Assert.Single((await service.Api.OwnMessagesAsync(bob)).Items);
    }

    [Fact]
    public async Task Preferences_templates_and_sender_are_per_user_and_per_tenant()
    {
        var tenant = Guid.CreateVersion7();
        var ann = service.NewUser(tenant);
        var admin = service.NewAdmin(tenant);
        var otherAdmin = service.NewAdmin(Guid.CreateVersion7());
        var sameIdOtherTenant = new TestUser(otherAdmin.TenantId, ann.UserId, ann.Email,
            service.Identity.Token(otherAdmin.TenantId, ann.UserId, ["customer"], service.Now, lifetime: TimeSpan.FromDays(1)));
        await NotificationsApi.OkAsync<PreferencesView>(await service.Api.PutPreferencesAsync(ann, new { phone = "+491701111111" }));
        await NotificationsApi.OkAsync<TemplateView>(await service.Api.PutTemplateAsync(admin, "welcome", "sms", new { body = "Hi" }));
        await NotificationsApi.OkAsync<SenderView>(await service.Api.SendAsync(HttpMethod.Put, $"{NotificationsApi.Base}/sender", admin.Token,
            new { fromAddress = "a@a.example.test", fromName = "A" }));

        Assert.Null((await service.Api.PreferencesAsync(sameIdOtherTenant)).Phone);
        var otherTemplate = await NotificationsApi.OkAsync<TemplateView>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/templates/welcome/sms", otherAdmin.Token));
        Assert.False(otherTemplate.Custom);
        var otherSender = await NotificationsApi.OkAsync<SenderView>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/sender", otherAdmin.Token));
        Assert.False(otherSender.Custom);
        Assert.Empty((await service.Api.DeadLettersAsync(otherAdmin)).Items);
    }

    [Fact]
    public async Task Malformed_ids_and_queries_are_4xx_never_5xx()
    {
        var admin = service.NewAdmin(Guid.CreateVersion7());

        using var notAGuid = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages/not-a-guid", admin.Token);
        using var badStatus = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/messages?status=lost", admin.Token);
        using var badPage = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/dead-letters?page=0&pageSize=100000", admin.Token);
        using var hugePage = await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/me?page=99999999999", admin.Token);
        using var sweepDirect = await service.Api.SendAsync(HttpMethod.Post, "/notification-dispatch", admin.Token);

        Assert.Equal(HttpStatusCode.NotFound, notAGuid.StatusCode);
        await ProblemAssert.IsValidationProblemAsync(badStatus, "status");
        await ProblemAssert.IsValidationProblemAsync(badPage, "page", "pageSize");
        Assert.True((int)hugePage.StatusCode is >= 400 and < 500);
        Assert.True((int)sweepDirect.StatusCode is >= 400 and < 500);
    }
}
