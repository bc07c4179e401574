using System.Collections.Concurrent;
using System.Text;
using Dapr;
using Dapr.Client;
using DaprShop.LocalSidecar.Tests.Support;
using DaprShop.Testing.Mail;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace DaprShop.LocalSidecar.Tests.Bindings;

public sealed class BindingsConformanceTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<SampleApp> StartJobsAppAsync(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster, ConcurrentQueue<string> fired, string appId = "jobs", string route = "/nightly-job") =>
        SampleApp.StartAsync(cluster, appId, endpoints: web => web.MapPost(route, (HttpRequest r) =>
        {
            fired.Enqueue(r.Headers["readTimeUTC"].ToString());
            return Results.Ok();
        }));

    /// <summary>An HTTP output binding named "webhook" aimed at a server only known at test time.</summary>
    static TempResources WebhookComponent(Uri url) => TempResources.With("webhook.yaml", $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: webhook
        spec:
          type: bindings.http
          version: v1
          metadata:
            - name: url
              value: {url}
        """);

    /// <summary>An SMTP output binding named "mail" aimed at a real SMTP server in the test (the mail catcher).</summary>
    internal static TempResources MailComponent(MailCatcher catcher) => TempResources.With("mail.yaml", $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: mail
        spec:
          type: bindings.smtp
          version: v1
          metadata:
            - name: host
              value: {catcher.Host}
            - name: port
              value: "{catcher.Port}"
            - name: emailFrom
              value: shop@example.test
        """);

    [Fact]
    public async Task A_cron_binding_fires_on_its_five_field_schedule()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await ClusterFactory.StartAsync(o => o.Time = clock);
        var fired = new ConcurrentQueue<string>();
        await using var app = await StartJobsAppAsync(cluster, fired);

        clock.Advance(TimeSpan.FromMinutes(3)); // 10:04 — before the */5 boundary
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMinutes(1)); // 10:05
        await Eventually.TrueAsync(() => fired.Count == 1, "the 10:05 firing arrived");
        clock.Advance(TimeSpan.FromMinutes(5)); // 10:10
        await Eventually.TrueAsync(() => fired.Count == 2, "the 10:10 firing arrived");

        Assert.Equal(["2026-03-01T10:05:00.0000000+00:00", "2026-03-01T10:10:00.0000000+00:00"], fired);
    }

    [Fact]
    public async Task An_every_schedule_fires_repeatedly_on_the_bindings_route()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var fired = new ConcurrentQueue<string>();
        await using var app = await StartJobsAppAsync(cluster, fired, appId: "beats", route: "/beats");

        await Eventually.TrueAsync(() => fired.Count >= 3, "the @every 100ms binding fired three times");

        Assert.All(cluster.Calls.Where(appId: "beats", api: "bindings", operation: "input"), c => Assert.Equal("heartbeat", c.Target));
    }

    [Fact]
    public async Task A_test_can_fire_a_cron_binding_now()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        var fired = new ConcurrentQueue<string>();
        await using var app = await StartJobsAppAsync(cluster, fired);

        var status = await cluster.Bindings.FireAsync("nightly-job", ct: Ct);

        Assert.Equal(200, status);
        Assert.Single(fired);
    }

    [Fact]
    public async Task A_cron_binding_is_not_started_for_an_app_that_does_not_listen_on_its_route()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "jobs");

        Assert.Contains(cluster.Calls.Where(appId: "jobs", api: "bindings", operation: "listen"), c => c.Outcome == "app does not listen");
        await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Bindings.FireAsync("nightly-job", ct: Ct));
    }

    [Fact]
    public async Task An_http_output_binding_sends_the_request_and_returns_the_response()
    {
        var received = new ConcurrentQueue<(string Method, string Path, string Body, string Header)>();
        await using var targetCluster = await ClusterFactory.StartAsync();
        await using var target = await SampleApp.StartAsync(targetCluster, "webhook-target", endpoints: web =>
            web.MapPost("/hooks/{name}", async (HttpRequest r, string name) =>
            {
                using var reader = new StreamReader(r.Body);
                received.Enqueue((r.Method, r.Path.Value!, await reader.ReadToEndAsync(), r.Headers["x-signature"].ToString()));
                return Results.Text($"accepted {name}");
            }));
        using var dir = WebhookComponent(target.BaseAddress);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        var response = await app.Dapr.InvokeBindingAsync(new BindingRequest("webhook", "post")
        {
            Data = Encoding.UTF8.GetBytes("{\"order\":1}"),
            Metadata = { ["path"] = "/hooks/order-created", ["x-signature"] = "sig-1" },
        }, Ct);

        Assert.Equal("accepted order-created", Encoding.UTF8.GetString(response.Data.Span));
        Assert.Equal("200", response.Metadata["statusCode"]);
        Assert.Equal([("POST", "/hooks/order-created", "{\"order\":1}", "sig-1")], received);
        Assert.Single(cluster.Bindings.Requests, r => r.Binding == "webhook" && r.Outcome == "ok");
    }

    [Fact]
    public async Task An_http_output_binding_turns_an_error_status_into_an_error()
    {
        await using var targetCluster = await ClusterFactory.StartAsync();
        await using var target = await SampleApp.StartAsync(targetCluster, "webhook-target",
            endpoints: web => web.MapPost("/fail", () => Results.StatusCode(503)));
        using var dir = WebhookComponent(target.BaseAddress);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync(
            new BindingRequest("webhook", "post") { Metadata = { ["path"] = "fail" } }, Ct));

        Assert.Contains("503", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_smtp_output_binding_sends_the_mail_over_smtp_with_component_defaults()
    {
        await using var catcher = await MailCatcher.StartAsync();
        using var dir = MailComponent(catcher);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        await app.Dapr.InvokeBindingAsync("mail", "create", "Your order shipped",
            new Dictionary<string, string> { ["emailTo"] = "ann@example.test", ["subject"] = "Shipped" }, Ct);

        var mail = Assert.Single(catcher.Mails);
        Assert.Equal(("shop@example.test", "ann@example.test", "Shipped"), (mail.From, Assert.Single(mail.EnvelopeTo), mail.Subject));
        // As daprd: the JSON string the SDK sends is unquoted into the HTML body.
        Assert.Equal("Your order shipped", mail.Body);
        var kept = Assert.Single(cluster.Bindings.Outbox);
        Assert.Equal(("shop@example.test", "ann@example.test", "Shipped"), (kept.From, kept.To, kept.Subject));
    }

    [Fact]
    public async Task An_smtp_output_binding_without_a_recipient_is_refused_and_sends_nothing()
    {
        await using var catcher = await MailCatcher.StartAsync();
        using var dir = MailComponent(catcher);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("mail", "create", "body", cancellationToken: Ct));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Contains("emailTo", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Bindings.Outbox);
        Assert.Empty(catcher.Mails);
    }

    [Fact]
    public async Task An_smtp_output_binding_sends_raw_grpc_data_as_is_and_refuses_a_mail_without_subject()
    {
        await using var catcher = await MailCatcher.StartAsync();
        using var dir = MailComponent(catcher);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        await app.Dapr.InvokeBindingAsync(new BindingRequest("mail", "create")
        {
            Data = Encoding.UTF8.GetBytes("<p>Hello \"Ann\"</p>"),
            Metadata = { ["emailTo"] = "ann@example.test;bob@example.test", ["subject"] = "Hello", ["emailFrom"] = "\"Acme\" <acme@example.test>" },
        }, Ct);
        var noSubject = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("mail", "create", "x",
            new Dictionary<string, string> { ["emailTo"] = "ann@example.test" }, Ct));

        var mail = Assert.Single(catcher.Mails);
        Assert.Equal("<p>Hello \"Ann\"</p>", mail.Body);
        Assert.Equal(["ann@example.test", "bob@example.test"], mail.EnvelopeTo);
        Assert.Equal(("acme@example.test", "Acme"), (mail.From, mail.FromName));
        Assert.Contains("subject", noSubject.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_smtp_server_that_refuses_the_mail_fails_the_binding_call()
    {
        await using var catcher = await MailCatcher.StartAsync();
        using var dir = MailComponent(catcher);
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");
        catcher.RefuseNext(1);

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("mail", "create", "body",
            new Dictionary<string, string> { ["emailTo"] = "ann@example.test", ["subject"] = "Hi" }, Ct));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.Contains("554", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(catcher.Mails);
        Assert.Empty(cluster.Bindings.Outbox);
        Assert.Single(cluster.Bindings.Requests, r => r.Binding == "mail" && r.Outcome != "ok");

        await app.Dapr.InvokeBindingAsync("mail", "create", "body", new Dictionary<string, string> { ["emailTo"] = "ann@example.test", ["subject"] = "Hi" }, Ct);
        Assert.Single(catcher.Mails);
    }

    [Fact]
    public async Task An_smtp_server_that_cannot_be_reached_fails_the_binding_call()
    {
        var catcher = await MailCatcher.StartAsync();
        using var dir = MailComponent(catcher);
        await catcher.DisposeAsync(); // nothing listens on its port any more
        await using var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(dir.Path));
        await using var app = await SampleApp.StartAsync(cluster, "notifier");

        var e = await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("mail", "create", "body",
            new Dictionary<string, string> { ["emailTo"] = "ann@example.test", ["subject"] = "Hi" }, Ct));

        Assert.Contains("sending email failed", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Bindings.Outbox);
    }

    [Fact]
    public async Task An_input_only_or_unknown_binding_cannot_be_invoked_as_output()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var app = await SampleApp.StartAsync(cluster, "jobs");

        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("nightly-job", "create", "x", cancellationToken: Ct));
        await Assert.ThrowsAsync<DaprException>(() => app.Dapr.InvokeBindingAsync("nope", "create", "x", cancellationToken: Ct));
    }
}
