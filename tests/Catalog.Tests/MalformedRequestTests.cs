using System.Net;
using System.Text;
using DaprShop.Catalog.Tests.Support;
using DaprShop.Testing.Http;
using static DaprShop.Catalog.Tests.Support.ProductBuilder;

namespace DaprShop.Catalog.Tests;

/// <summary>What an attacker or a buggy client sends: every answer is a 4xx problem and nothing is half-written.</summary>
public sealed class MalformedRequestTests(CatalogService catalog) : IClassFixture<CatalogService>
{
    CatalogApi Api => catalog.Api;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("name", "\"name\":\"Head\\u0000phones\"")]
    [InlineData("description", "\"description\":\"ok\\u0000\"")]
    [InlineData("price.amount", "\"price\":{\"amount\":-1,\"currency\":\"EUR\"}")]
    [InlineData("price.amount", "\"price\":{\"amount\":100000000000,\"currency\":\"EUR\"}")]
    [InlineData("price.amount", "\"price\":{\"amount\":1.234,\"currency\":\"EUR\"}")]
    [InlineData("price.currency", "\"price\":{\"amount\":1,\"currency\":\"EURO\"}")]
    [InlineData("price", "\"price\":null")]
    [InlineData("categoryPath", "\"categoryPath\":\"Electronics/../etc\"")]
    [InlineData("attributes[0].key", "\"attributes\":{\"$where\":\"1\"}")]
    [InlineData("images[0]", "\"images\":[\"javascript:alert(1)\"]")]
    [InlineData("slug", "\"slug\":\"Bad Slug\"")]
    [InlineData("status", "\"status\":\"deleted\"")]
    [InlineData("sku", "\"sku\":\"\"")]
    public async Task Bad_fields_are_field_level_validation_problems_and_nothing_is_written(string field, string change)
    {
        var t = Api.NewTenant();
        var body = $"{{\"sku\":\"BAD-1\",\"name\":\"Headphones\",\"brand\":\"Sonor\",\"categoryPath\":\"electronics\",\"price\":{{\"amount\":1,\"currency\":\"EUR\"}},{change}}}";

        using var response = await Api.CreateAsync(t.AdminToken, Json(body));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(0, await catalog.Database.ScalarAsync<long>("select count(*) from products where tenant_id = $1", t.Id));
    }

    [Theory]
    [InlineData("{\"sku\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"sku\":\"A\",\"price\":{\"amount\":\"cheap\",\"currency\":\"EUR\"}}")]
    [InlineData("{\"sku\":\"A\",\"price\":{\"amount\":1e400,\"currency\":\"EUR\"}}")]
    public async Task An_unreadable_body_is_a_bad_request(string body)
    {
        var t = Api.NewTenant();

        using var response = await Api.CreateAsync(t.AdminToken, Json(body));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_5_mb_body_is_refused_before_it_is_read()
    {
        var t = Api.NewTenant();
        var huge = $"{{\"sku\":\"BIG-1\",\"name\":\"Big\",\"brand\":\"B\",\"categoryPath\":\"a\",\"price\":{{\"amount\":1,\"currency\":\"EUR\"}},\"description\":\"{new string('x', 5 * 1024 * 1024)}\"}}";

        // Expect: 100-continue lets the server refuse on Content-Length alone, as a well-behaved client would see it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/products") { Content = Json(huge) };
        request.Headers.Authorization = new("Bearer", t.AdminToken);
        request.Headers.ExpectContinue = true;
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = catalog.Host.BaseAddress,
        };
        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await catalog.CountProductsAsync("BIG-1"));
    }

    [Theory]
    [InlineData("/api/v1/products/not-a-guid")]
    [InlineData("/api/v1/products/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/v1/products/by-slug/Not%20A%20Slug")]
    public async Task Bad_ids_and_slugs_are_not_found(string path)
    {
        var t = Api.NewTenant();

        using var response = await Api.SendAsync(HttpMethod.Get, path, t.CustomerToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_the_server_before_routing()
    {
        var t = Api.NewTenant();

        using var response = await Api.SendAsync(HttpMethod.Get, "/api/v1/products/by-slug/a%00b", t.CustomerToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"3")]
    [InlineData("W/")]
    public async Task A_malformed_if_match_is_a_bad_request(string ifMatch)
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        var product = await Api.CreateOkAsync(t.AdminToken, builder.Request());

        using var response = await Api.UpdateAsync(t.AdminToken, product.Id, builder.Priced(1).Request(), ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await Api.GetOkAsync(t.AdminToken, product.Id)).Version);
    }

    [Fact]
    public async Task A_lookup_of_too_many_or_no_ids_is_a_validation_problem()
    {
        var t = Api.NewTenant();

        await ProblemAssert.IsValidationProblemAsync(
            await Api.LookupAsync(t.CustomerToken, new { ids = Enumerable.Range(0, 201).Select(_ => Guid.CreateVersion7()) }), "ids");
        await ProblemAssert.IsValidationProblemAsync(await Api.LookupAsync(t.CustomerToken, new { ids = Array.Empty<Guid>() }), "ids");
        await ProblemAssert.IsProblemAsync(await Api.LookupAsync(t.CustomerToken, Json("{\"ids\":[\"nope\"]}")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_create_sent_many_times_at_once_writes_one_product()
    {
        var t = Api.NewTenant();
        var builder = AProduct();
        using var barrier = new Barrier(6);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Api.CreateAsync(t.AdminToken, builder.Request());
        })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await catalog.CountProductsAsync(builder.Sku));
        Assert.Equal(1, await catalog.Database.ScalarAsync<long>(
            "select count(*) from outbox_messages where \"EventType\" = 'ProductCreated' and \"Payload\"->>'sku' = $1", builder.Sku));
        foreach (var r in responses) r.Dispose();
    }
}
