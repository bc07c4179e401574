using System.Net;
using DaprShop.Notifications.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Notifications.Tests;

/// <summary>Admins set the tenant's templates (Liquid, validated) and sender; messages use them, other tenants do not.</summary>
public sealed class TemplatesAndSenderTests(NotificationsService service) : IClassFixture<NotificationsService>
{
    [Fact]
    public async Task A_tenant_template_and_sender_shape_its_mails_and_no_other_tenants()
    {
        var tenant = Guid.CreateVersion7();
        var admin = service.NewAdmin(tenant);
        await NotificationsApi.OkAsync<TemplateView>(await service.Api.PutTemplateAsync(admin, "welcome", "email",
            new { subject = "Hi from {{ shop.name | upcase }}", body = "<p>Dear {{ user.email }}, welcome aboard.</p>" }));
        var sender = await NotificationsApi.OkAsync<SenderView>(await service.Api.SendAsync(HttpMethod.Put, $"{NotificationsApi.Base}/sender", admin.Token,
            new { fromAddress = "hello@acme.example.test", fromName = "Acme Shop" }));
        Assert.True(sender.Custom);

        var user = service.NewUser(tenant);
        await service.RegisterAsync(user);
        var other = service.NewUser(Guid.CreateVersion7());
        await service.RegisterAsync(other);

        var mail = Assert.Single(service.Mail.To(user.Email));
        Assert.Equal("Hi from ACME SHOP", mail.Subject);
        Assert.Equal(("hello@acme.example.test", "Acme Shop"), (mail.From, mail.FromName));
        Assert.Contains("welcome aboard", mail.Body, StringComparison.Ordinal);
        var otherMail = Assert.Single(service.Mail.To(other.Email));
        Assert.Equal("Welcome to DaprShop", otherMail.Subject);
        Assert.Equal("shop@daprshop.local", otherMail.From);
    }

    [Fact]
    public async Task A_tenant_email_template_without_a_subject_takes_the_built_in_subject()
    {
        var tenant = Guid.CreateVersion7();
        var admin = service.NewAdmin(tenant);
        await NotificationsApi.OkAsync<TemplateView>(await service.Api.PutTemplateAsync(admin, "welcome", "email", new { body = "<p>Hi!</p>" }));
        var user = service.NewUser(tenant);

        await service.RegisterAsync(user);

        var mail = Assert.Single(service.Mail.To(user.Email));
        Assert.Equal(("Welcome to DaprShop", "<p>Hi!</p>"), (mail.Subject, mail.Body));
    }

    [Fact]
    public async Task Templates_list_the_built_in_ones_until_put_and_again_after_delete()
    {
        var admin = service.NewAdmin(Guid.CreateVersion7());

        var before = await NotificationsApi.OkAsync<TemplateView[]>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/templates", admin.Token));
        await NotificationsApi.OkAsync<TemplateView>(await service.Api.PutTemplateAsync(admin, "order_shipped", "sms", new { body = "Shipped: {{ tracking.url }}" }));
        var put = await NotificationsApi.OkAsync<TemplateView>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/templates/order_shipped/sms", admin.Token));
        using var deleted = await service.Api.SendAsync(HttpMethod.Delete, $"{NotificationsApi.Base}/templates/order_shipped/sms", admin.Token);
        using var deletedAgain = await service.Api.SendAsync(HttpMethod.Delete, $"{NotificationsApi.Base}/templates/order_shipped/sms", admin.Token);
        var after = await NotificationsApi.OkAsync<TemplateView>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/templates/order_shipped/sms", admin.Token));

        Assert.Equal(18, before.Length);
        Assert.All(before, t => Assert.False(t.Custom));
        Assert.True(put.Custom);
        Assert.Equal("Shipped: {{ tracking.url }}", put.Body);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(deletedAgain, HttpStatusCode.NotFound);
        Assert.False(after.Custom);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_422_and_malformed_requests_are_4xx()
    {
        var admin = service.NewAdmin(Guid.CreateVersion7());
        var customer = service.NewUser(admin.TenantId);

        using var unparsable = await service.Api.PutTemplateAsync(admin, "welcome", "email", new { subject = "Hi", body = "{% if user.email %}unclosed" });
        using var badSubject = await service.Api.PutTemplateAsync(admin, "welcome", "email", new { subject = "{{ oops", body = "ok" });
        using var empty = await service.Api.PutTemplateAsync(admin, "welcome", "email", new { subject = "Hi", body = "" });
        using var unknownKind = await service.Api.PutTemplateAsync(admin, "spam", "email", new { body = "x" });
        using var byCustomer = await service.Api.PutTemplateAsync(customer, "welcome", "email", new { body = "x" });
        using var badSender = await service.Api.SendAsync(HttpMethod.Put, $"{NotificationsApi.Base}/sender", admin.Token,
            new { fromAddress = "evil@example.test\r\nBcc: all@example.test", fromName = "A \"quoted\" name" });

        await ProblemAssert.IsProblemAsync(unparsable, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/template-invalid");
        var subjectProblem = await ProblemAssert.IsProblemAsync(badSubject, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/template-invalid");
        Assert.StartsWith("subject", subjectProblem.Detail, StringComparison.Ordinal);
        await ProblemAssert.IsValidationProblemAsync(empty, "body");
        await ProblemAssert.IsProblemAsync(unknownKind, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        await ProblemAssert.IsValidationProblemAsync(badSender, "fromAddress", "fromName");
        var listed = await NotificationsApi.OkAsync<TemplateView[]>(await service.Api.SendAsync(HttpMethod.Get, $"{NotificationsApi.Base}/templates", admin.Token));
        Assert.All(listed, t => Assert.False(t.Custom));
    }
}
