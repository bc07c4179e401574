using System.Net;
using DaprShop.LocalSidecar.Tests.Support;

namespace DaprShop.LocalSidecar.Tests.Invocation;

/// <summary>
/// An app that refuses a large body before reading it (a request size limit, as catalog sets) answers 413 and
/// closes the connection while the sidecar is still sending: the caller gets the app's 413, as from daprd, not a
/// sidecar error.
/// </summary>
public sealed class LargeBodyInvocationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("echo-big", false)]  // no resiliency policy
    [InlineData("echo-big", true)]
    [InlineData("slow-app", false)]  // a timeout policy
    [InlineData("slow-app", true)]
    [InlineData("flaky-app", false)] // a retry policy (the body is kept for replay)
    [InlineData("flaky-app", true)]
    public async Task A_413_answered_before_the_body_is_read_reaches_the_caller(string appId, bool chunked)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await SampleApp.StartAsync(cluster, appId, endpoints: web =>
            web.MapPost("/upload", (System.Text.Json.JsonElement body) => Results.Ok())
                .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024)));
        using var http = new HttpClient { BaseAddress = new Uri((await cluster.AddSidecarAsync("caller")).HttpEndpoint) };

        using var content = new StringContent($"\"{new string('x', 5 * 1024 * 1024)}\"", System.Text.Encoding.UTF8, "application/json");
        // Sent chunked, as YARP forwards it: the sidecar does not know the length up front.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1.0/invoke/{appId}/method/upload") { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("echo-big")]
    [InlineData("flaky-app")]
    public async Task A_large_body_the_app_reads_arrives_whole(string appId)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await SampleApp.StartAsync(cluster, appId, endpoints: web =>
            web.MapPost("/upload", async (HttpRequest r) =>
            {
                using var reader = new StreamReader(r.Body);
                return Results.Text((await reader.ReadToEndAsync()).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }));
        using var http = new HttpClient { BaseAddress = new Uri((await cluster.AddSidecarAsync("caller")).HttpEndpoint) };

        using var response = await http.PostAsync($"/v1.0/invoke/{appId}/method/upload", new StringContent(new string('y', 3 * 1024 * 1024)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(Ct));
    }
}
