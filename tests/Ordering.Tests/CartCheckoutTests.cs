using System.Net;
using DaprShop.Ordering.Tests.Support;

namespace DaprShop.Ordering.Tests;

/// <summary>
/// Placing an order without lines checks out the caller's cart, read from cart through Dapr invocation (a stand-in
/// under app id <c>cart</c> answering <see cref="OrderingService.Carts"/>).
/// </summary>
public sealed class CartCheckoutTests(OrderingService ordering) : IClassFixture<OrderingService>
{
    const string CartEmpty = "https://daprshop.dev/problems/cart-empty";

    OrdersClient Api => new(ordering);

    static object CartBody(Buyer buyer) => new
    {
        shippingAddressId = buyer.ShippingAddressId,
        billingAddressId = buyer.BillingAddressId,
        paymentMethodToken = buyer.PaymentToken,
    };

    void FillCart(Buyer buyer, params (Guid ProductId, int Quantity)[] lines) => ordering.Carts[(buyer.TenantId, buyer.UserId)] = lines;

    async Task<long> OrdersOfAsync(Buyer buyer) =>
        await ordering.Database.ScalarAsync<long>("select count(*) from orders where customer_id = $1", buyer.UserId);

    [Fact]
    public async Task An_order_without_lines_orders_the_cart_and_its_confirmation_names_the_cart_and_its_lines()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 19.90m, stock: 10);
        var mug = await ordering.NewProductAsync(buyer.TenantId, 7.50m, stock: 5);
        FillCart(buyer, (shirt, 2), (mug, 1));

        using var response = await Api.PlaceAsync(buyer.Token, CartBody(buyer));
        var placed = await OrdersClient.OkAsync<OrderView>(response, HttpStatusCode.Created);
        (Guid, int)[] expected = [.. new[] { (shirt, 2), (mug, 1) }.OrderBy(l => l.Item1)];
        Assert.Equal(expected, placed.Lines.Select(l => (l.ProductId, l.Quantity)).OrderBy(l => l.ProductId));

        var order = await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");
        Assert.Equal(new MoneyView(47.30m, "EUR"), order.Total);
        await Eventually.TrueAsync(() => Task.FromResult(ordering.ConfirmationsSeenByCart.ContainsKey(placed.Id)), "cart received OrderConfirmed");
        var checkedOut = ordering.ConfirmationsSeenByCart[placed.Id].Cart;
        Assert.NotNull(checkedOut);
        Assert.Equal(buyer.UserId, checkedOut.CustomerId);
        Assert.Equal(expected, checkedOut.Lines.Select(l => (l.ProductId, l.Quantity)).OrderBy(l => l.ProductId));
    }

    [Fact]
    public async Task An_order_of_explicit_lines_is_confirmed_without_naming_a_cart()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 10);
        FillCart(buyer, (shirt, 3));

        var placed = await Api.PlaceOkAsync(buyer, (shirt, 1));
        await Api.UntilStatusAsync(buyer.Token, placed.Id, "processing");

        await Eventually.TrueAsync(() => Task.FromResult(ordering.ConfirmationsSeenByCart.ContainsKey(placed.Id)), "cart received OrderConfirmed");
        Assert.Null(ordering.ConfirmationsSeenByCart[placed.Id].Cart);
        Assert.Equal([(shirt, 1)], placed.Lines.Select(l => (l.ProductId, l.Quantity)));
    }

    [Fact]
    public async Task An_empty_cart_is_a_422_places_nothing_and_keeps_no_key()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 10);

        using (var none = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "empty-key"))
            await ProblemAssert.IsProblemAsync(none, HttpStatusCode.UnprocessableEntity, CartEmpty);
        FillCart(buyer);
        using (var empty = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "empty-key"))
            await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.UnprocessableEntity, CartEmpty);
        Assert.Equal(0, await OrdersOfAsync(buyer));
        Assert.Equal(0, await ordering.Database.ScalarAsync<long>("select count(*) from placement_counters where customer_id = $1", buyer.UserId));

        // The refusal kept nothing, the key included: once the cart has something, the same key places it.
        FillCart(buyer, (shirt, 1));
        using var filled = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "empty-key");
        Assert.Equal(HttpStatusCode.Created, filled.StatusCode);
    }

    [Fact]
    public async Task The_same_key_and_body_answer_the_first_order_even_after_the_cart_changed_or_emptied()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 10);
        FillCart(buyer, (shirt, 1));
        using var first = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "cart-key");
        var order = await OrdersClient.OkAsync<OrderView>(first, HttpStatusCode.Created);

        FillCart(buyer, (shirt, 4));
        using (var changed = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "cart-key"))
        {
            var again = await OrdersClient.OkAsync<OrderView>(changed, HttpStatusCode.Created);
            Assert.Equal(order.Id, again.Id);
            Assert.Equal(1, again.Lines.Single().Quantity);
            Assert.Equal("true", changed.Headers.GetValues("Idempotent-Replayed").Single());
        }
        FillCart(buyer);
        using (var emptied = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "cart-key"))
            Assert.Equal(order.Id, (await OrdersClient.OkAsync<OrderView>(emptied, HttpStatusCode.Created)).Id);
        // Another body under the key (explicit lines now) is still refused.
        using (var other = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 1)), "cart-key"))
            await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity, "https://daprshop.dev/problems/idempotency-key-reused");
        Assert.Equal(1, await OrdersOfAsync(buyer));
    }

    [Fact]
    public async Task The_duplicate_check_compares_the_lines_ordered_from_the_cart()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 20);
        FillCart(buyer, (shirt, 2));
        var first = await OrdersClient.OkAsync<OrderView>(await Api.PlaceAsync(buyer.Token, CartBody(buyer)), HttpStatusCode.Created);

        // The same cart under a new key moments later: the same order again.
        using (var same = await Api.PlaceAsync(buyer.Token, CartBody(buyer)))
            await ProblemAssert.IsProblemAsync(same, HttpStatusCode.Conflict, "https://daprshop.dev/problems/duplicate-order");
        // The same lines given explicitly are the same order too.
        using (var explicitSame = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer, (shirt, 2))))
            await ProblemAssert.IsProblemAsync(explicitSame, HttpStatusCode.Conflict, "https://daprshop.dev/problems/duplicate-order");
        // A cart that changed is another order.
        FillCart(buyer, (shirt, 3));
        var second = await OrdersClient.OkAsync<OrderView>(await Api.PlaceAsync(buyer.Token, CartBody(buyer)), HttpStatusCode.Created);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(3, second.Lines.Single().Quantity);
    }

    [Fact]
    public async Task Cart_down_is_a_503_with_retry_after_and_nothing_placed_and_an_empty_lines_list_is_a_400()
    {
        var buyer = await ordering.NewBuyerAsync();
        var shirt = await ordering.NewProductAsync(buyer.TenantId, 10m, stock: 10);
        FillCart(buyer, (shirt, 1));

        ordering.CartDown = true;
        try
        {
            using var down = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "down-key");
            await ProblemAssert.IsProblemAsync(down, HttpStatusCode.ServiceUnavailable);
            Assert.True(down.Headers.RetryAfter is not null, "a 503 says when to come back");
        }
        finally
        {
            ordering.CartDown = false;
        }
        Assert.Equal(0, await OrdersOfAsync(buyer));

        using var emptyList = await Api.PlaceAsync(buyer.Token, OrdersClient.Body(buyer));
        await ProblemAssert.IsProblemAsync(emptyList, HttpStatusCode.BadRequest);

        using var after = await Api.PlaceAsync(buyer.Token, CartBody(buyer), "down-key");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }
}
