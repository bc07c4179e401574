using System.Net;
using System.Text.Json;
using DaprShop.Catalog.Tests.Support;

namespace DaprShop.Catalog.Tests;

public sealed class HealthAndDocsTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_with_the_database_and_the_sidecar_checked()
    {
        using var live = await catalog.Host.Client.GetAsync("/healthz");
        using var ready = await catalog.Host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("dapr-sidecar").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_product_route()
    {
        using var response = await catalog.Host.Client.GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null))
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "SearchProducts", "GetProduct", "GetProductBySlug", "LookupProducts", "CreateProduct", "UpdateProduct", "DeleteProduct" },
            operations);
    }
}
