using System.Net;
using System.Text;
using DaprShop.LocalSidecar.Tests.Support;
using static DaprShop.LocalSidecar.Tests.HttpApi.SidecarHttp;

namespace DaprShop.LocalSidecar.Tests.HttpApi;

/// <summary>
/// Service invocation's three addressing forms over raw HTTP, and daprd's fallback: a request no route takes
/// is an invocation, answered 404 ERR_DIRECT_INVOKE when it names no app.
/// </summary>
public sealed class InvocationHttpApiTests
{
    static Task<SampleApp> StartTargetAsync(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster) =>
        SampleApp.StartAsync(cluster, "catalog", endpoints: web =>
            web.Map("/products/{id}", (HttpContext ctx, string id) => $"{ctx.Request.Method} product {id} from {ctx.Request.Headers["dapr-caller-app-id"]}"));

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task The_invoke_URL_forwards_every_verb(string verb)
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await StartTargetAsync(cluster);
        using var s = await SidecarOf(cluster, "gateway");

        using var response = await s.SendAsync(verb, "/v1.0/invoke/catalog/method/products/7", verb is "GET" or "HEAD" or "OPTIONS" ? null : "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (verb != "HEAD") Assert.Equal($"{verb} product 7 from gateway", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_dapr_app_id_basic_auth_user_addresses_the_app_as_the_header_does()
    {
        await using var cluster = await ClusterFactory.StartAsync();
        await using var target = await StartTargetAsync(cluster);
        using var s = await SidecarOf(cluster, "gateway");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/9");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dapr-app-id:catalog")));

        using var response = await s.SendAsync(request, Ct);

        Assert.Equal("GET product 9 from gateway", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("GET", "/no/such/route")]
    [InlineData("GET", "/v1.0/no-such-api")]
    [InlineData("DELETE", "/v1.0/publish/pubsub/orders")] // the route exists, not for DELETE
    [InlineData("POST", "/v1.0/healthz")]
    public async Task A_request_no_route_takes_and_that_names_no_app_is_404_ERR_DIRECT_INVOKE(string verb, string path)
    {
        await using var s = await RawSidecar.StartAsync();

        var error = await ErrorAsync(await s.Http.SendAsync(verb, path));

        Assert.Equal(new DaprError(HttpStatusCode.NotFound, "ERR_DIRECT_INVOKE", "failed getting app id either from the URL path or the header dapr-app-id", null), error);
    }

    static async Task<HttpClient> SidecarOf(DaprShop.LocalSidecar.Cluster.LocalDaprCluster cluster, string appId) =>
        For(await cluster.AddSidecarAsync(appId));
}
