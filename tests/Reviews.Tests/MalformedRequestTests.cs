using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DaprShop.Reviews.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Reviews.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem+json — never a 500 — and nothing is written.</summary>
public sealed class MalformedRequestTests(ReviewsService reviews) : IClassFixture<ReviewsService>
{
    ReviewsClient Api => reviews.Api;

    Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, TestUser user, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return Api.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("{\"rating\": ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"rating\":0,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":6,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":1e30,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":99999999999999999999,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":\"five\",\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":4.5,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":null,\"title\":\"Fine\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":4,\"title\":null,\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":4,\"title\":\"   \",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":4,\"title\":\"Fine\",\"text\":\"\"}")]
    [InlineData("{\"rating\":4,\"title\":\"Fi\\u0000ne\",\"text\":\"A perfectly fine product overall.\"}")]
    [InlineData("{\"rating\":4,\"title\":\"Fine\",\"text\":\"A perfectly fine\\u0000 product overall.\"}")]
    [InlineData("{\"rating\":4,\"title\":[\"Fine\"],\"text\":\"A perfectly fine product overall.\"}")]
    public async Task Malformed_reviews_are_400_problems_and_write_nothing(string body)
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, product);

        await ProblemAssert.IsProblemAsync(await RawAsync(HttpMethod.Post, $"/api/v1/products/{product}/reviews", customer, body), HttpStatusCode.BadRequest);
        Assert.Equal(0, await reviews.Database.ScalarAsync<long>("select count(*) from reviews where product_id = $1", product));
    }

    [Fact]
    public async Task Over_long_title_and_text_are_400()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, product);

        var problem = await ProblemAssert.IsValidationProblemAsync(
            await Api.CreateAsync(customer, product, new(4, new string('t', 121), new string('x', 4001))), "title", "text");
        Assert.NotNull(problem);
    }

    [Fact]
    public async Task A_five_megabyte_body_is_413_before_it_is_read()
    {
        var customer = reviews.NewUser();
        var product = Guid.CreateVersion7();
        await reviews.DeliverAsync(customer, product);
        var body = $"{{\"rating\":4,\"title\":\"Fine\",\"text\":\"{new string('x', 5 * 1024 * 1024)}\"}}";

        // Expect: 100-continue lets the server refuse on Content-Length alone, as a well-behaved client would see it.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/products/{product}/reviews")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", customer.Token);
        request.Headers.ExpectContinue = true;
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = reviews.Host.BaseAddress,
        };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await reviews.Database.ScalarAsync<long>("select count(*) from reviews where product_id = $1", product));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_4xx()
    {
        var customer = reviews.NewUser();
        using var response = await RawAsync(HttpMethod.Post, $"/api/v1/products/{Guid.CreateVersion7()}/reviews", customer, "rating=4", "text/plain");
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("/api/v1/products/{p}/reviews?sort=best")]
    [InlineData("/api/v1/products/{p}/reviews?page=0")]
    [InlineData("/api/v1/products/{p}/reviews?pageSize=1000")]
    [InlineData("/api/v1/products/{p}/reviews?page=99999999999")]
    [InlineData("/api/v1/products/{p}/reviews?sort=new%00est")]
    [InlineData("/api/v1/reviews/moderation?status=deleted")]
    [InlineData("/api/v1/reviews/me?pageSize=-1")]
    public async Task Bad_query_strings_are_400(string path)
    {
        var admin = reviews.NewUser(null, "admin", "customer");
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, path.Replace("{p}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal), admin),
            HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"reason\":\"\"}")]
    [InlineData("{\"reason\":null}")]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"no\\u0000\"}")]
    public async Task A_rejection_without_a_reason_is_400(string body)
    {
        var customer = reviews.NewUser();
        var review = await Api.ReviewAsync(customer, Guid.CreateVersion7());
        var admin = reviews.NewAdmin(customer.TenantId);

        await ProblemAssert.IsProblemAsync(await RawAsync(HttpMethod.Post, $"/api/v1/reviews/{review.Id}/reject", admin, body), HttpStatusCode.BadRequest);
        Assert.Equal("approved", await reviews.Database.ScalarAsync<string>("select status from reviews where id = $1", review.Id));
    }

    [Theory]
    [InlineData("{\"words\":null}")]
    [InlineData("{\"words\":[null]}")]
    [InlineData("{\"words\":[\"  \"]}")]
    [InlineData("{\"words\":[\"!!!\"]}")]
    [InlineData("{\"words\":[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}")]
    public async Task Bad_blocked_word_lists_are_400(string body)
    {
        var admin = reviews.NewAdmin(Guid.CreateVersion7());
        await ProblemAssert.IsProblemAsync(await RawAsync(HttpMethod.Put, "/api/v1/reviews/moderation/blocked-words", admin, body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Non_guid_ids_are_404_not_500()
    {
        var customer = reviews.NewUser();
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/products/not-a-guid/reviews", customer), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await Api.SendAsync(HttpMethod.Put, "/api/v1/reviews/123/helpful", customer), HttpStatusCode.NotFound);
    }
}
