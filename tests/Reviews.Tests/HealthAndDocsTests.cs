using System.Net;
using DaprShop.Reviews.Tests.Support;

namespace DaprShop.Reviews.Tests;

public sealed class HealthAndDocsTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Health_readiness_and_the_api_document_answer(string path)
    {
        using var response = await reviews.Host.Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_document_lists_the_review_routes()
    {
        var doc = await reviews.Host.Client.GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/products/{productId}/reviews", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/reviews/{id}/approve", doc, StringComparison.Ordinal);
    }
}
