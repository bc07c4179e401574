using System.Net;
using System.Text;
using DaprShop.Cart.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Cart.Tests;

public sealed class MalformedInputTests(CartService cart) : IClassFixture<CartService>
{
    public static TheoryData<string> BadAddBodies => new()
    {
        """{"productId":null,"quantity":1}""",
        """{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}""",
        """{"productId":"not-a-guid","quantity":1}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81","quantity":0}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81","quantity":100}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81","quantity":-5}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81","quantity":99999999999999999999999}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81","quantity":1.5}""",
        """{"productId":"0193a1c2-7d4e-7a10-8c3f-2b9e5d6f7a81\u0000","quantity":1}""",
        """null""",
        """[]""",
        """{"productId":""",
    };

    [Theory]
    [MemberData(nameof(BadAddBodies))]
    public async Task A_malformed_add_is_a_4xx_and_changes_nothing(string body)
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        using var r = await me.SendAsync(HttpMethod.Post, "/api/v1/cart/items", null, CartClient.NewKey(),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.InRange((int)r.StatusCode, 400, 499);
        Assert.Empty(await me.QuantitiesAsync());
    }

    [Fact]
    public async Task A_five_megabyte_body_is_refused_before_it_is_read()
    {
        using var me = cart.Customer(Guid.CreateVersion7());
        var huge = "{\"productId\":\"" + new string('a', 5 * 1024 * 1024) + "\",\"quantity\":1}";
        // Expect: 100-continue lets the server refuse on Content-Length alone, as a well-behaved client would see it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cart/items") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = me.Http.DefaultRequestHeaders.Authorization;
        request.Headers.Add("Idempotency-Key", CartClient.NewKey());
        request.Headers.ExpectContinue = true;
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = cart.Host.BaseAddress };
        using var r = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await me.QuantitiesAsync());
    }

    [Theory]
    [InlineData("/api/v1/cart/items/not-a-guid")]
    [InlineData("/api/v1/cart/items/0193a1c2-7d4e-7a10-8c3f")]
    public async Task A_malformed_product_id_in_the_path_is_404(string path)
    {
        using var me = cart.Customer(Guid.CreateVersion7());
        using var r = await me.SendAsync(HttpMethod.Delete, path, null, CartClient.NewKey());
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Theory]
    [InlineData("?country=Germany")]
    [InlineData("?country=DE&region=%00")]
    [InlineData("?region=HE")]
    public async Task A_malformed_destination_is_a_validation_problem(string query)
    {
        using var me = cart.Customer(Guid.CreateVersion7());
        using var r = await me.ViewAsync(query);
        await ProblemAssert.IsProblemAsync(r, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_malformed_merge_and_a_malformed_tax_table_are_validation_problems()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        using (var r = await me.MergeAsync("XYZ")) await ProblemAssert.IsValidationProblemAsync(r, "guestCartId");
        using var admin = cart.Customer(tenant, null, "admin");
        using var bad = await admin.SendAsync(HttpMethod.Put, "/api/v1/cart-settings/tax", new { defaultRate = 1.5m, rates = new[] { new { country = "DEU", rate = 0.1m } } }, null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
