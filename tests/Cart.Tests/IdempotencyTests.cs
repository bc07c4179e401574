using System.Net;
using DaprShop.Cart.Tests.Support;
using DaprShop.Testing.Http;

namespace DaprShop.Cart.Tests;

public sealed class IdempotencyTests(CartService cart) : IClassFixture<CartService>
{
    [Fact]
    public async Task The_same_key_and_body_answer_the_first_answer_and_change_the_cart_once()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 4m);
        var key = CartClient.NewKey();

        using var first = await me.AddAsync(product, 2, key);
        using var second = await me.AddAsync(product, 2, key);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, (await me.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 4m);
        var key = CartClient.NewKey();
        (await me.AddAsync(product, 2, key)).Dispose();

        using var other = await me.AddAsync(product, 3, key);

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/unprocessable");
        Assert.Equal(2, (await me.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task Concurrent_duplicates_have_one_effect_and_one_answer()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 4m);
        var key = CartClient.NewKey();
        using var barrier = new Barrier(8);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            using var r = await me.AddAsync(product, 1, key);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return await r.Content.ReadAsStringAsync();
        })));

        Assert.Single(bodies.Distinct());
        Assert.Equal(1, (await me.QuantitiesAsync())[product]);
    }

    [Fact]
    public async Task A_refused_change_is_not_kept_so_the_key_can_be_retried()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 4m, stock: 0);
        var key = CartClient.NewKey();
        using (var refused = await me.AddAsync(product, 1, key)) Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        cart.Dependencies.SetStock(tenant, product, 3);
        using var retried = await me.AddAsync(product, 1, key);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    public async Task A_change_without_a_usable_key_is_a_validation_problem_naming_the_header(string? key)
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        var product = cart.Dependencies.Product(tenant, 4m);
        using var r = await me.SendAsync(HttpMethod.Post, "/api/v1/cart/items", new { productId = product, quantity = 1 }, key);
        await ProblemAssert.IsValidationProblemAsync(r, "Idempotency-Key");
        using var longKey = await me.SendAsync(HttpMethod.Delete, "/api/v1/cart/", null, new string('k', 129));
        await ProblemAssert.IsValidationProblemAsync(longKey, "Idempotency-Key");
        Assert.Empty(await me.QuantitiesAsync());
    }
}
