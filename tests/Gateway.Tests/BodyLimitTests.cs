using System.Net;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>Bodies over Gateway:MaxRequestBodyBytes (1 MB) are a 413 problem at the edge and never reach a service.</summary>
public sealed class BodyLimitTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static HttpContent Json(int bytes, bool chunked)
    {
        var json = "{\"description\":\"" + new string('x', bytes) + "\"}";
        if (!chunked) return new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var content = new StreamContent(new NoLengthStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        var (_, _, token) = cluster.NewUser();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new("Bearer", token);
        return await cluster.Gateway.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_5_MB_body_is_413_before_it_is_read_and_reaches_no_service()
    {
        var response = await PostAsync("/api/v1/catalog/big-declared", Json(5 * 1024 * 1024, chunked: false));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "https://daprshop.dev/problems/payload-too-large");
        Assert.Equal(0, cluster.Catalog.ReceivedCount("/api/v1/big-declared"));
    }

    [Fact]
    public async Task A_5_MB_chunked_body_is_413_too()
    {
        var response = await PostAsync("/api/v1/catalog/big-chunked", Json(5 * 1024 * 1024, chunked: true));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "https://daprshop.dev/problems/payload-too-large");
        Assert.Equal(0, cluster.Catalog.ReceivedCount("/api/v1/big-chunked"));
    }

    [Fact]
    public async Task A_body_under_the_limit_is_forwarded_whole()
    {
        var echo = await GatewayClient.EchoOfAsync(await PostAsync("/api/v1/catalog/big-enough", Json(900 * 1024, chunked: true)));

        Assert.Equal(900 * 1024 + "{\"description\":\"\"}".Length, echo.Body.Length);
    }

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
