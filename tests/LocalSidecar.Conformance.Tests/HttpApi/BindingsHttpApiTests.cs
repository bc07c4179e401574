using System.Collections.Concurrent;
using System.Net;
using DaprShop.LocalSidecar.Cluster;
using DaprShop.LocalSidecar.Tests.Support;
using DaprShop.Testing.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary><c>POST|PUT /v1.0/bindings/{name}</c> over raw HTTP, against a real HTTP endpoint behind an HTTP output binding.</summary>
public sealed class BindingsHttpApiTests
{
    sealed class Webhook : IAsyncDisposable
    {
        public required WebApplication Web { get; init; }
        public ConcurrentQueue<(string Method, string Body, string Traceparent)> Requests { get; } = new();
        public required Uri Url { get; init; }
        public ValueTask DisposeAsync() => Web.DisposeAsync();

        public static async Task<Webhook> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            Webhook? hook = null;
            web.MapMethods("/{**path}", ["GET", "POST", "PUT"], async (HttpRequest r) =>
            {
                using var reader = new StreamReader(r.Body);
                hook!.Requests.Enqueue((r.Method, await reader.ReadToEndAsync(), r.Headers["traceparent"].ToString()));
                return Results.Text("""{"accepted":true}""", "application/json", statusCode: 201);
            });
            await web.StartAsync();
            var url = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            hook = new Webhook { Web = web, Url = url };
            return hook;
        }
    }

    static async Task<(LocalDaprCluster Cluster, HttpClient Http, TempResources Resources)> StartAsync(Uri webhook)
    {
        var resources = TempResources.With("webhook.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: webhook
            spec:
              type: bindings.http
              version: v1
              metadata:
                - name: url
                  value: {webhook}
            """);
        var cluster = await ClusterFactory.StartAsync(o => o.ResourcesPaths.Add(resources.Path));
        return (cluster, For(await cluster.AddSidecarAsync("notifier")), resources);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task An_output_binding_gets_the_JSON_encoding_of_data_and_the_caller_gets_its_answer_and_metadata(string verb)
    {
        await using var webhook = await Webhook.StartAsync();
        var (cluster, http, resources) = await StartAsync(webhook.Url);
        await using var _ = cluster;
        using var __ = resources;
        using var ___ = http;
        using var request = new HttpRequestMessage(new HttpMethod(verb), "/v1.0/bindings/webhook")
        {
            Content = Json("""{"data":"hello","operation":"post","metadata":{"path":"/hooks"}}"""),
        };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"accepted":true}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("201", response.Headers.GetValues("metadata.statusCode").Single());
        // daprd marshals "data" to JSON before handing it to the binding: a string keeps its quotes.
        Assert.Equal(("POST", "\"hello\"", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), webhook.Requests.Single());
    }

    [Fact]
    public async Task A_binding_that_answers_nothing_is_204()
    {
        await using var catcher = await MailCatcher.StartAsync();
        using var dir = Bindings.BindingsConformanceTests.MailComponent(catcher);
        await using var s = await RawSidecar.StartAsync("mailer", o => o.ResourcesPaths.Add(dir.Path));

        using var response = await s.Http.SendAsync("POST", "/v1.0/bindings/mail",
            """{"data":"Your order shipped","operation":"create","metadata":{"emailTo":"ann@example.test","subject":"Shipped"}}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // The binding gets the JSON string "Your order shipped" (quotes included) and, as daprd's, unquotes it.
        Assert.Equal("Your order shipped", s.Cluster.Bindings.Outbox.Single().Body);
        Assert.Equal("Your order shipped", catcher.Mails.Single().Body);
    }

    [Fact]
    public async Task An_unknown_binding_is_500_ERR_INVOKE_OUTPUT_BINDING_and_a_body_that_is_not_JSON_400()
    {
        await using var s = await RawSidecar.StartAsync("notifier");

        var unknown = await ErrorAsync(await s.Http.SendAsync("POST", "/v1.0/bindings/nosuch", """{"data":1,"operation":"create"}"""));
        var malformed = await ErrorAsync(await s.Http.SendAsync("POST", "/v1.0/bindings/mail", "{"));

        Assert.Equal((HttpStatusCode.InternalServerError, "ERR_INVOKE_OUTPUT_BINDING"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal("error invoking output binding nosuch: couldn't find output binding nosuch", unknown.Message);
        Assert.Equal((HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST"), (malformed.Status, malformed.ErrorCode));
    }
}
