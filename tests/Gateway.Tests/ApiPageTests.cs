using System.Net;
using System.Text.Json;
using DaprShop.Gateway.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Gateway.Tests;

/// <summary>The one API page: /swagger on the gateway lists every service's document, fetched through Dapr invocation.</summary>
public sealed class ApiPageTests(GatewayCluster cluster) : IClassFixture<GatewayCluster>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_services_document_is_served_with_the_gateways_paths_and_the_gateway_as_server()
    {
        var response = await cluster.Client.GetAsync("/openapi/catalog.json", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/catalog/things", "/api/v1/catalog/things/{id}"], paths);
        Assert.Equal("ListThings", doc.RootElement.GetProperty("paths").GetProperty("/api/v1/catalog/things").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("/", doc.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("DaprShop.catalog", doc.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_document_came_through_Dapr_invocation()
    {
        await cluster.Client.GetAsync("/openapi/identity.json", ct: Ct);

        Assert.Contains(cluster.Dapr.Cluster.Calls.All, c => c.AppId == GatewayCluster.AppId && c.Api == "invoke"
            && c.Target == "identity/swagger/v1/swagger.json");
    }

    [Fact]
    public async Task The_swagger_page_lists_every_services_document()
    {
        var page = await cluster.Client.GetAsync("/swagger/index.html", ct: Ct);
        var config = await cluster.Client.GetAsync("/swagger/index.js", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = await page.Content.ReadAsStringAsync(Ct) + await config.Content.ReadAsStringAsync(Ct);
        foreach (var service in new[] { "identity", "users", "catalog" })
            Assert.Contains($"/openapi/{service}.json", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_has_no_document()
    {
        await ProblemAssert.IsProblemAsync(await cluster.Client.GetAsync("/openapi/warehouse.json", ct: Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_document_of_a_service_that_is_not_running_is_503()
    {
        var response = await cluster.Client.GetAsync("/openapi/users.json", ct: Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "https://daprshop.dev/problems/service-unavailable");
        Assert.True(response.Headers.Contains("Retry-After"));
    }
}
