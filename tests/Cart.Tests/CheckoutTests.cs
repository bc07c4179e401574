using System.Net;
using System.Text.Json;
using DaprShop.Cart.Tests.Support;
using DaprShop.Contracts.Ordering;
using DaprShop.Testing.Http;

namespace DaprShop.Cart.Tests;

/// <summary>
/// What ordering's checkout of a cart needs from cart: the cart's lines through a route only ordering may call, and
/// the ordered quantities taken out once the order is confirmed (<c>OrderConfirmed</c> on <c>order-events</c>, delivered
/// at least once).
/// </summary>
public sealed class CheckoutTests(CartService cart) : IClassFixture<CartService>
{
    static string Route(Guid userId) => $"/internal/v1/carts/{userId}";

    async Task<List<(Guid ProductId, int Quantity)>> ContentsAsync(Guid tenant, Guid userId)
    {
        using var response = await cart.InvokeAsync(cart.Ordering, HttpMethod.Get, Route(userId), tenant);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("productId").GetGuid(), l.GetProperty("quantity").GetInt32()))];
    }

    static OrderConfirmed Confirmed(Guid tenant, Guid orderId, Guid customerId, params (Guid ProductId, int Quantity)[] lines) =>
        new(orderId)
        {
            TenantId = tenant,
            OccurredAt = DateTimeOffset.UtcNow,
            Cart = new CheckedOutCart(customerId, [.. lines.Select(l => new OrderedLine(l.ProductId, l.Quantity))]),
        };

    [Fact]
    public async Task Ordering_reads_a_customers_cart_lines_in_the_order_they_were_added()
    {
        var tenant = Guid.CreateVersion7();
        var a = cart.Dependencies.Product(tenant, 2m);
        var b = cart.Dependencies.Product(tenant, 3m);
        using var me = cart.Customer(tenant);
        (await me.AddAsync(a, 2)).Dispose();
        (await me.AddAsync(b, 1)).Dispose();
        (await me.AddAsync(a, 1)).Dispose();

        Assert.Equal([(a, 3), (b, 1)], await ContentsAsync(tenant, me.UserId!.Value));
    }

    [Fact]
    public async Task A_customer_without_a_cart_has_no_lines_and_another_tenants_cart_of_the_same_user_id_is_not_seen()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        (await me.AddAsync(cart.Dependencies.Product(tenant, 2m), 1)).Dispose();

        Assert.Empty(await ContentsAsync(tenant, Guid.CreateVersion7()));
        Assert.Empty(await ContentsAsync(Guid.CreateVersion7(), me.UserId!.Value));
        Assert.Single(await ContentsAsync(tenant, me.UserId.Value));
    }

    [Fact]
    public async Task Only_ordering_through_carts_sidecar_naming_a_tenant_may_read_a_cart()
    {
        var tenant = Guid.CreateVersion7();
        using var me = cart.Customer(tenant);
        (await me.AddAsync(cart.Dependencies.Product(tenant, 2m), 1)).Dispose();
        var route = Route(me.UserId!.Value);

        using (var other = await cart.InvokeAsync(cart.Reviews, HttpMethod.Get, route, tenant))
            await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        using (var noTenant = await cart.InvokeAsync(cart.Ordering, HttpMethod.Get, route, null))
            await ProblemAssert.IsProblemAsync(noTenant, HttpStatusCode.BadRequest);
        // Straight to the app, even with the customer's own token: not through the sidecar, so refused.
        using (var direct = await me.Http.GetAsync(route, TestContext.Current.CancellationToken))
            await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.Unauthorized);
        using (var badId = await cart.InvokeAsync(cart.Ordering, HttpMethod.Get, "/internal/v1/carts/not-a-guid", tenant))
            Assert.Equal(HttpStatusCode.NotFound, badId.StatusCode);
    }

    [Fact]
    public async Task A_confirmed_checkout_takes_out_exactly_what_was_ordered_once_and_what_was_added_meanwhile_stays()
    {
        var tenant = Guid.CreateVersion7();
        var a = cart.Dependencies.Product(tenant, 2m);
        var b = cart.Dependencies.Product(tenant, 3m);
        var c = cart.Dependencies.Product(tenant, 4m);
        using var me = cart.Customer(tenant);
        (await me.AddAsync(a, 3)).Dispose();
        (await me.AddAsync(b, 1)).Dispose();
        var ordered = await ContentsAsync(tenant, me.UserId!.Value);

        // While the order is being confirmed the customer goes on shopping.
        (await me.AddAsync(a, 2)).Dispose();
        (await me.AddAsync(c, 1)).Dispose();

        var orderId = Guid.CreateVersion7();
        var confirmed = Confirmed(tenant, orderId, me.UserId.Value, [.. ordered]);
        await cart.PublishOrderEventAsync(confirmed);
        await cart.PublishOrderEventAsync(confirmed);
        // Another delivery of the same order's confirmation under a new event id (the processed-event record does not
        // know it): the cart remembers the order.
        await cart.PublishOrderEventAsync(Confirmed(tenant, orderId, me.UserId.Value, [.. ordered]));
        await cart.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<Guid, int> { [a] = 2, [c] = 1 }, await me.QuantitiesAsync());
    }

    [Fact]
    public async Task An_order_of_explicit_lines_or_for_another_tenant_leaves_the_cart_alone()
    {
        var tenant = Guid.CreateVersion7();
        var a = cart.Dependencies.Product(tenant, 2m);
        using var me = cart.Customer(tenant);
        (await me.AddAsync(a, 2)).Dispose();

        await cart.PublishOrderEventAsync(new OrderConfirmed(Guid.CreateVersion7()) { TenantId = tenant, OccurredAt = DateTimeOffset.UtcNow });
        await cart.PublishOrderEventAsync(Confirmed(Guid.CreateVersion7(), Guid.CreateVersion7(), me.UserId!.Value, (a, 2)));
        await cart.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<Guid, int> { [a] = 2 }, await me.QuantitiesAsync());
    }

    [Fact]
    public async Task A_confirmation_for_a_customer_without_a_cart_changes_nothing_and_makes_no_cart()
    {
        var tenant = Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        await cart.PublishOrderEventAsync(Confirmed(tenant, Guid.CreateVersion7(), userId, (Guid.CreateVersion7(), 1)));
        await cart.Host.Cluster.PubSub.WhenIdleAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await ContentsAsync(tenant, userId));
        Assert.Empty(cart.Host.Cluster.StateStores["statestore"].Keys($"{CartService.AppId}||CartActor||{tenant}:{userId}"));
    }
}
